// What every command receives: the context and the views it may open.
import type { Ctx } from '../ctx';
import type { ExplainDocuments } from '../explain/explainDocuments';
import type { MatrixView } from '../webviews/matrixView';
import type { TopologyView } from '../webviews/topologyView';
import type { TraceViews } from '../webviews/traceView';

export interface Services {
  ctx: Ctx;
  traces: TraceViews;
  matrix: MatrixView;
  topology: TopologyView;
  explain: ExplainDocuments;
}

export type Command = (...args: unknown[]) => unknown;
export type CommandFactory = (s: Services) => Command;
