// The trace view in the browser: holds the replay state, feeds events to the pure reducer and
// renders the result. A new trace rebuilds the page; a new position only updates what depends on it.
import type { Trace, TraceRequest } from '../../../server/src/engine/dataplane/types';
import type { Layout } from '../diagram/layout';
import { layoutDiagram } from '../diagram/layout';
import { diagramSvg } from '../diagram/svg';
import { DiagramZoom } from '../diagram/zoom';
import { zoomButtons } from '../diagram/zoomButtons';
import type { DataMessage, TraceViewState } from '../../../server/src/protocol/webview';
import { parseTraceViewState } from '../../../server/src/protocol/webview';
import type { Bridge } from '../shared/browser';
import { browserClock, byId, mount, openPolicy, render } from '../shared/browser';
import { errorText } from '../shared/rpc';
import { h } from '../shared/el';
import { PacketMover } from './animation';
import { traceOverlay, translate } from './overlay';
import type { ReplayEvent, ReplayState } from './replay';
import { atEnd, hopDurationMs, initialReplay, nearestSpeed, replay } from './replay';
import type { HopPoint } from './route';
import type { TraceLeg } from './legs';
import { joinLegs, legsOf, sameLeg } from './legs';
import { diagramNodes, hopBoxIds, hopPoints, routeBetween, traceLayoutOptions } from './route';
import { allowOf, verdictOf } from './verdict';
import { controls, hopCaption, inspector, stepList, traceError, traceHeader, verdictView } from './views';

interface Drawn {
  layout: Layout;
  /** The DNS lookup and the connection, when the trace made a lookup first (else none). */
  legs: TraceLeg[];
  points: HopPoint[];
  boxIds: (string | null)[];
  mover: PacketMover;
  zoom: DiagramZoom;
}

export class TraceApp {
  private state: ReplayState = initialReplay;
  private drawn: Drawn | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private bridge: Bridge<TraceViewState> | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly reducedMotion: boolean,
  ) {}

  attach(bridge: Bridge<TraceViewState>): void {
    this.bridge = bridge;
    this.root.addEventListener('click', (e) => this.onClick(e));
    this.root.addEventListener('change', (e) => this.onChange(e));
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  receive(message: DataMessage): void {
    if (message.type === 'trace') this.load(joinLegs(message.trace), message.speed);
    else if (message.type === 'traceError')
      this.showError(message.request, message.error, message.suggestions);
  }

  /** A re-run keeps the replay's place; a first trace resumes the saved state of the same pair. */
  private load(trace: Trace, configuredSpeed: number): void {
    if (this.state.trace) return this.dispatch({ type: 'load', trace });
    const saved = parseTraceViewState(this.bridge?.savedState());
    this.state = replay(this.state, { type: 'speed', speed: saved?.speed ?? configuredSpeed });
    const restoring = saved !== null && saved.request.from === trace.from && saved.request.to === trace.to;
    this.dispatch(
      restoring
        ? { type: 'load', trace, index: saved.index, play: false }
        : { type: 'load', trace, index: 0, play: !this.reducedMotion },
    );
  }

  dispatch(event: ReplayEvent): void {
    const prev = this.state;
    this.state = replay(prev, event);
    if (this.state.trace && this.state.trace !== prev.trace) this.build(this.state.trace);
    else if (this.state.index !== prev.index) this.showHop(prev.index);
    this.updateControls();
    this.schedule();
    this.persist();
  }

  private build(trace: Trace): void {
    const layout = layoutDiagram(diagramNodes(trace), traceLayoutOptions(trace));
    const points = hopPoints(layout, trace);
    const legs = legsOf(trace);
    const svg = diagramSvg(layout, {
      label: `Packet path from ${trace.from} to ${trace.to}`,
      overlay: traceOverlay(layout, points, legs),
    });
    // Header, verdict, controls and diagram stay put; only the steps and the inspector scroll.
    mount(
      this.root,
      traceHeader(trace),
      verdictView(verdictOf(trace), allowOf(trace)),
      controls(this.state),
      h('div', { id: 'diagram-pane', class: 'diagram-pane' }, [svg, zoomButtons()]),
      h('p', { id: 'diagram-caption', class: 'meta', 'aria-live': 'polite' }, ''),
      h('div', { class: 'panes' }, [
        h('aside', { class: 'side' }, [stepList(trace, this.state.index, legs)]),
        inspector(trace, this.state.index, legs),
      ]),
      h('p', { id: 'notice', class: 'notice hidden', role: 'alert' }, ''),
    );
    const boxIds = hopBoxIds(layout, trace);
    this.drawn?.zoom.dispose();
    this.drawn = {
      layout,
      legs,
      points,
      boxIds,
      mover: new PacketMover(byId('packet'), this.reducedMotion, browserClock),
      zoom: new DiagramZoom(byId('diagram-pane'), byId('diagram') as unknown as SVGSVGElement, {
        w: layout.width,
        h: layout.height,
      }),
    };
    this.markPath(boxIds);
    this.showHop(null);
  }

  private markPath(boxIds: readonly (string | null)[]): void {
    for (const id of boxIds) if (id) this.box(id)?.classList.add('on-path');
  }

  private box(id: string): Element | null {
    return this.root.querySelector(`[data-id="${CSS.escape(id)}"]`);
  }

  /** Moves to the current hop: list, inspector, packet, envelope, ARP, drop marker. */
  private showHop(from: number | null): void {
    const { trace, index } = this.state;
    const drawn = this.drawn;
    if (!trace || !drawn) return;
    this.updateSteps(index);
    byId('inspector').replaceWith(render(inspector(trace, index, drawn.legs)));
    const target = drawn.points[index];
    const origin = from === null ? undefined : drawn.points[from];
    // Into the next hop of the same leg the packet moves; the connection after the lookup starts afresh.
    if (target && origin && from === index - 1 && sameLeg(drawn.legs, from, index))
      drawn.mover.move(routeBetween(drawn.layout, origin, target), hopDurationMs(this.state.speed) * 0.6);
    else if (target) drawn.mover.place(target);
    if (target) drawn.zoom.follow(target);
    byId('diagram-caption').textContent = hopCaption(trace, index, drawn.legs);
    for (const el of this.root.querySelectorAll('.box.current')) el.classList.remove('current');
    const id = drawn.boxIds[index];
    if (id) this.box(id)?.classList.add('current');
    const hop = trace.hops[index];
    byId('envelope').classList.toggle('hidden', !hop?.encapsulation);
    const dropped = trace.verdict === 'dropped' && atEnd(this.state);
    byId('drop-marker').classList.toggle('hidden', !dropped);
    if (dropped && target) byId('drop-marker').setAttribute('transform', translate(target));
    byId('verdict-box').classList.toggle('reached', atEnd(this.state));
  }

  private updateSteps(index: number): void {
    for (const li of byId('steps').querySelectorAll('li')) {
      const current = Number(li.dataset.index) === index;
      li.classList.toggle('current', current);
      if (current) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
      if (current) li.scrollIntoView({ block: 'nearest' });
    }
  }

  private updateControls(): void {
    if (!this.state.trace) return;
    const fresh = render(controls(this.state));
    const old = byId('controls');
    for (const id of ['step-back', 'play', 'step-forward']) {
      const [a, b] = [old.querySelector(`#${id}`), fresh.querySelector(`#${id}`)];
      if (!a || !b) continue;
      for (const name of ['title', 'aria-label', 'aria-pressed']) {
        const v = b.getAttribute(name);
        if (v === null) a.removeAttribute(name);
        else a.setAttribute(name, v);
      }
      a.toggleAttribute('disabled', b.hasAttribute('disabled'));
      a.replaceChildren(...Array.from(b.childNodes));
    }
    byId<HTMLSelectElement>('speed').value = String(this.state.speed);
    byId('position').textContent = fresh.querySelector('#position')?.textContent ?? '';
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.state.playing)
      this.timer = setTimeout(() => this.dispatch({ type: 'advance' }), hopDurationMs(this.state.speed));
  }

  private persist(): void {
    const trace = this.state.trace;
    if (!trace || !this.bridge) return;
    const request: TraceRequest = {
      from: trace.from,
      to: trace.to,
      port: trace.port,
      protocol: trace.protocol,
    };
    this.bridge.saveState({ view: 'trace', request, index: this.state.index, speed: this.state.speed });
  }

  private showError(request: TraceRequest, error: string, suggestions: string[]): void {
    this.state = initialReplay;
    this.drawn?.mover.stop();
    this.drawn?.zoom.dispose();
    this.drawn = null;
    clearTimeout(this.timer);
    mount(this.root, traceError(request, error, suggestions));
    this.bridge?.saveState({ view: 'trace', request, index: 0, speed: this.state.speed });
  }

  private onClick(e: MouseEvent): void {
    const target = (e.target as Element | null)?.closest<HTMLElement>('[data-action]');
    if (!target || target.tagName === 'SELECT') return;
    const action = target.dataset.action;
    if (action === 'jump') return this.dispatch({ type: 'jump', index: Number(target.dataset.index) });
    if (action === 'open-policy' && target.dataset.policy && this.bridge)
      return openPolicy(this.bridge.rpc, target.dataset.policy);
    if (action === 'propose-allow') return this.proposeAllow(target.dataset);
    const events: Record<string, ReplayEvent> = {
      restart: { type: 'restart' },
      'step-back': { type: 'back' },
      play: { type: 'toggle' },
      'step-forward': { type: 'forward' },
    };
    const event = action ? events[action] : undefined;
    if (event) this.dispatch(event);
  }

  private proposeAllow(d: DOMStringMap): void {
    const { from, to } = d;
    const protocol = (['TCP', 'UDP', 'SCTP'] as const).find((p) => p === d.protocol);
    if (!from || !to || !d.port || !protocol || !this.bridge) return;
    this.bridge.rpc
      .request('proposeIntent', { action: 'allow', from, to, port: Number(d.port), protocol })
      .catch((err: unknown) => {
        const notice = byId('notice');
        notice.textContent = `Could not propose an edit: ${errorText(err)}`;
        notice.classList.remove('hidden');
      });
  }

  private onChange(e: Event): void {
    const target = e.target as HTMLSelectElement | null;
    if (target?.id === 'speed') this.dispatch({ type: 'speed', speed: nearestSpeed(Number(target.value)) });
  }

  private onKey(e: KeyboardEvent): void {
    const tag = (e.target as Element | null)?.tagName ?? '';
    if (tag === 'SELECT' || tag === 'INPUT' || e.altKey || e.ctrlKey || e.metaKey) return;
    const onButton = tag === 'BUTTON';
    const keys: Record<string, ReplayEvent | undefined> = {
      ' ': onButton ? undefined : { type: 'toggle' },
      ArrowRight: { type: 'forward' },
      ArrowLeft: { type: 'back' },
      Home: { type: 'jump', index: 0 },
      End: { type: 'end' },
    };
    const event = keys[e.key];
    if (!event) return;
    e.preventDefault();
    this.dispatch(event);
  }
}
