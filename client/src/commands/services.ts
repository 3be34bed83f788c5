// What every command receives: the context and the views it may open.
import type { Ctx } from '../ctx';
import { showError } from '../errors';
import type { ExplainDocuments } from '../explain/explainDocuments';
import type { Proposals } from '../intent/proposals';
import type { ChangesView } from '../webviews/changesView';
import type { MatrixView } from '../webviews/matrixView';
import type { TopologyView } from '../webviews/topologyView';
import type { TraceViews } from '../webviews/traceView';

export interface Services {
  ctx: Ctx;
  traces: TraceViews;
  matrix: MatrixView;
  topology: TopologyView;
  changes: ChangesView;
  explain: ExplainDocuments;
  /** Previews intent proposals and applies the chosen one. */
  proposals: Proposals;
}

export type Command = (...args: unknown[]) => unknown;
export type CommandFactory = (s: Services) => Command;

/** A command whose failure becomes an error notification (with details in the output channel). */
export function reportingFailures<R>(
  title: string,
  run: (s: Services, arg: unknown) => Promise<R>,
): CommandFactory {
  return (s) => async (arg) => {
    try {
      return await run(s, arg);
    } catch (err) {
      await showError(s.ctx.output, `${title} failed`, err);
      return undefined;
    }
  };
}
