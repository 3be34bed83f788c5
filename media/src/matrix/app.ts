// The matrix view in the browser: renders the grid, opens and closes workloads, filters to what is
// allowed, switches between one port and the declared ports (the extension recomputes), asks the
// extension why a cell is what it is when the pointer or focus reaches it (answers cached per
// pair), and opens a trace on click.
import type { ChangedPairsResult, MatrixCell, ViewMatrix } from '../../../server/src/protocol/requests';
import { isProtocol } from '../../../server/src/protocol/values';
import type { DataMessage, MatrixViewMode, MatrixViewState } from '../../../server/src/protocol/webview';
import type { Bridge } from '../shared/browser';
import { byId, mount } from '../shared/browser';
import { errorText } from '../shared/rpc';
import { groupPods } from './groups';
import { matrixView, pairKey, reasonText } from './grid';

export class MatrixApp {
  private bridge: Bridge<MatrixViewState> | undefined;
  private readonly reasons = new Map<string, Promise<MatrixCell>>();
  private hovered = '';
  private matrix: ViewMatrix | undefined;
  private changes: ChangedPairsResult | undefined;
  private expanded = new Set<string>();
  private allowedOnly = false;

  constructor(private readonly root: HTMLElement) {}

  attach(bridge: Bridge<MatrixViewState>): void {
    this.bridge = bridge;
    const saved = bridge.savedState();
    this.expanded = new Set(saved?.expanded ?? []);
    this.allowedOnly = saved?.allowedOnly ?? false;
    this.root.addEventListener('click', (e) => this.onClick(e));
    this.root.addEventListener('change', (e) => this.onChange(e));
    this.root.addEventListener('mouseover', (e) => this.onHover(e));
    this.root.addEventListener('focusin', (e) => this.onHover(e));
  }

  receive(message: DataMessage): void {
    if (message.type !== 'matrix') return;
    this.reasons.clear();
    this.matrix = message.matrix;
    this.changes = message.changes;
    this.render();
  }

  private render(): void {
    const matrix = this.matrix;
    if (!matrix) return;
    const wrap = this.root.querySelector('.matrix-wrap');
    const scroll = wrap ? [wrap.scrollLeft, wrap.scrollTop] : [0, 0];
    this.hovered = '';
    const choices = { expanded: this.expanded, allowedOnly: this.allowedOnly };
    mount(this.root, matrixView(matrix, choices, this.changes));
    const again = this.root.querySelector('.matrix-wrap');
    if (again) [again.scrollLeft, again.scrollTop] = scroll as [number, number];
    this.bridge?.saveState({
      view: 'matrix',
      port: matrix.port,
      protocol: matrix.protocol,
      mode: this.changes ? 'changes' : matrix.mode,
      allowedOnly: this.allowedOnly,
      expanded: [...this.expanded],
    });
  }

  private onClick(e: MouseEvent): void {
    const target = (e.target as Element | null)?.closest<HTMLElement>('button');
    if (!target) return;
    const d = target.dataset;
    if (d.toggle) return this.toggle(d.toggle);
    if (d.mode === 'port' || d.mode === 'declared' || d.mode === 'changes') return this.setMode(d.mode);
    if (target.id === 'expand-all') return this.expandAll(true);
    if (target.id === 'collapse-all') return this.expandAll(false);
    if (target.classList.contains('intent-allow')) return this.proposeAllow(d);
    if (target.classList.contains('cell')) this.openTrace(d);
  }

  private onChange(e: Event): void {
    const input = e.target as HTMLInputElement | null;
    if (input?.id !== 'allowed-only') return;
    this.allowedOnly = input.checked;
    this.render();
  }

  private toggle(key: string): void {
    if (!this.expanded.delete(key)) this.expanded.add(key);
    this.render();
  }

  private expandAll(open: boolean): void {
    const workloads = groupPods(this.matrix ?? { pods: [], owners: [] }).flatMap((ns) => ns.workloads);
    this.expanded = new Set(open ? workloads.filter((w) => w.kind !== null).map((w) => w.key) : []);
    this.render();
  }

  private setMode(mode: MatrixViewMode): void {
    if ((this.changes ? 'changes' : this.matrix?.mode) === mode) return;
    this.bridge?.rpc.request('matrixMode', { mode }).catch((err: unknown) => this.say(errorText(err)));
  }

  private openTrace(d: DOMStringMap): void {
    const { from, to } = d;
    if (!from || !to || from === to) return;
    const port = d.port ? Number(d.port) : undefined;
    const protocol = isProtocol(d.protocol) ? d.protocol : undefined;
    const params = { from, to, ...(port ? { port } : {}), ...(protocol ? { protocol } : {}) };
    this.bridge?.rpc.request('openTrace', params).catch((err: unknown) => this.say(errorText(err)));
  }

  private proposeAllow(d: DOMStringMap): void {
    const { from, to } = d;
    if (!from || !to) return;
    const port = d.port ? Number(d.port) : undefined;
    const protocol = isProtocol(d.protocol) ? d.protocol : undefined;
    const params = {
      action: 'allow' as const,
      from,
      to,
      ...(port ? { port, protocol: protocol ?? 'TCP' } : {}),
    };
    this.bridge?.rpc.request('proposeIntent', params).catch((err: unknown) => this.say(errorText(err)));
  }

  private onHover(e: Event): void {
    const cell = (e.target as Element | null)?.closest<HTMLElement>('button.cell');
    const { from, to, summary = '', row = '', col = '' } = cell?.dataset ?? {};
    if (!cell) return;
    const key = pairKey(row, col);
    if (key === this.hovered) return;
    this.hovered = key;
    if (!from || !to || from === to) return this.say(`${summary}.`);
    let reason = this.reasons.get(pairKey(from, to));
    if (!reason) {
      reason =
        this.bridge?.rpc.request('matrixCell', { from, to }) ?? Promise.reject(new Error('not connected'));
      this.reasons.set(pairKey(from, to), reason);
    }
    // A workload cell sums its pairs, then explains the pair a click traces.
    const lead = row === from && col === to ? '' : `${summary}.\nThe pair a click traces: `;
    reason.then(
      (answer) => {
        const text = `${lead}${reasonText(answer)}`;
        cell.setAttribute('title', text);
        if (this.hovered === key) this.say(text);
      },
      (err: unknown) => {
        this.reasons.delete(pairKey(from, to));
        if (this.hovered === key) this.say(`${from} → ${to}: ${errorText(err)}`);
      },
    );
  }

  private say(text: string): void {
    const box = byId('cell-reason');
    box.textContent = text;
    box.hidden = text === '';
  }
}
