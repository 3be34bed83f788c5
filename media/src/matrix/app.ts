// The matrix view in the browser: renders the grid, asks the extension why a cell is what it is when
// the pointer or focus reaches it (answers cached per cell), and opens a trace on click.
import type { MatrixCell, MatrixResult } from '../../../server/src/protocol/requests';
import type { DataMessage, MatrixViewState } from '../protocol';
import type { Bridge } from '../shared/browser';
import { byId, mount } from '../shared/browser';
import { errorText } from '../shared/rpc';
import { matrixView, pairKey, reasonText } from './grid';

export class MatrixApp {
  private bridge: Bridge<MatrixViewState> | undefined;
  private readonly reasons = new Map<string, Promise<MatrixCell>>();
  private hovered = '';

  constructor(private readonly root: HTMLElement) {}

  attach(bridge: Bridge<MatrixViewState>): void {
    this.bridge = bridge;
    this.root.addEventListener('click', (e) => this.onClick(e));
    this.root.addEventListener('mouseover', (e) => this.onHover(e));
    this.root.addEventListener('focusin', (e) => this.onHover(e));
  }

  receive(message: DataMessage): void {
    if (message.type === 'matrix') this.show(message.matrix);
  }

  private show(matrix: MatrixResult): void {
    this.reasons.clear();
    mount(this.root, matrixView(matrix));
    this.bridge?.saveState({ view: 'matrix', port: matrix.port, protocol: matrix.protocol });
  }

  private cellOf(e: Event): HTMLElement | null {
    return (e.target as Element | null)?.closest<HTMLElement>('button.cell') ?? null;
  }

  private onClick(e: MouseEvent): void {
    const cell = this.cellOf(e);
    const { from, to } = cell?.dataset ?? {};
    if (!from || !to || from === to) return;
    this.bridge?.rpc.request('openTrace', { from, to }).catch((err: unknown) => this.say(String(err)));
  }

  private onHover(e: Event): void {
    const cell = this.cellOf(e);
    const { from, to } = cell?.dataset ?? {};
    if (!cell || !from || !to) return;
    const key = pairKey(from, to);
    if (key === this.hovered) return;
    this.hovered = key;
    if (from === to) return this.say(`${from}: traffic from a pod to itself is not subject to policy.`);
    let reason = this.reasons.get(key);
    if (!reason) {
      reason =
        this.bridge?.rpc.request('matrixCell', { from, to }) ?? Promise.reject(new Error('not connected'));
      this.reasons.set(key, reason);
    }
    reason.then(
      (answer) => {
        cell.setAttribute('title', reasonText(answer));
        if (this.hovered === key) this.say(reasonText(answer));
      },
      (err: unknown) => {
        this.reasons.delete(key);
        if (this.hovered === key) this.say(`${from} → ${to}: ${errorText(err)}`);
      },
    );
  }

  private say(text: string): void {
    byId('cell-reason').textContent = text;
  }
}
