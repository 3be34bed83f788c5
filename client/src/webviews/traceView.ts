// The trace views: one panel per source → destination pair, re-run whenever the model changes,
// restored after a reload from the state the webview saved.
import * as vscode from 'vscode';
import type { Trace, TraceError, TraceRequest } from '../../../server/src/engine/dataplane/types';
import { TraceRequestType } from '../../../server/src/protocol/requests';
import { parseTraceViewState } from '../../../server/src/protocol/webview';
import { settings } from '../config';
import type { Ctx } from '../ctx';
import { errorMessage } from '../errors';
import { proposeFromView } from '../intent/fromViews';
import { openPolicy } from '../openPolicy';
import type { LiveSpec } from './live';
import type { Placement } from './livePanels';
import { LivePanels } from './livePanels';

export type TraceOutcome = Trace | TraceError;

export const isTraceError = (r: TraceOutcome): r is TraceError => 'error' in r;

const traceTitle = (from: string, to: string): string => `Trace: ${from} → ${to}`;

const traceSpec = (ctx: Ctx): LiveSpec<TraceRequest, TraceOutcome> => ({
  view: 'trace',
  title: (request) => traceTitle(request.from, request.to),
  resultTitle: (outcome) => (isTraceError(outcome) ? undefined : traceTitle(outcome.from, outcome.to)),
  progress: (request) => `Tracing ${request.from} → ${request.to}`,
  commandProgress: 'window',
  // A failed request is shown in the view, as the trace's own errors (unknown pod, …) are.
  request: (request) =>
    ctx.request(TraceRequestType, request).catch((err: unknown): TraceError => ({
      error: `The trace could not run: ${errorMessage(err)}`,
      suggestions: [],
    })),
  message: (outcome, request) =>
    isTraceError(outcome)
      ? { type: 'traceError', request, error: outcome.error, suggestions: outcome.suggestions }
      : { type: 'trace', trace: outcome, speed: ctx.setting(settings.animationSpeed, 1) },
  failure: { notify: 'The trace could not run', log: 'trace' },
  handlers: () => ({ openPolicy: ({ policy }) => openPolicy(ctx, policy), proposeIntent: proposeFromView }),
  restore: (state) => parseTraceViewState(state)?.request,
  reuses: (shown, wanted) => shown.from === wanted.from && shown.to === wanted.to,
});

export class TraceViews extends LivePanels<TraceRequest, TraceOutcome> {
  constructor(ctx: Ctx) {
    super(ctx, traceSpec(ctx), vscode.ViewColumn.Beside);
  }

  /** Opens (or reuses) the panel for the pair and runs the trace with progress. */
  override async show(request: TraceRequest, place?: Placement): Promise<TraceOutcome> {
    // The spec's request never rejects, so a run always has an outcome.
    return (await super.show(request, place))!;
  }
}
