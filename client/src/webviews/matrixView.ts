// The reachability matrix panel (one at a time): hovering a cell asks the server why, clicking it
// opens that pair's trace in one reused panel beside the matrix; the webview may switch between one
// port and each destination's declared ports. Re-run when the model changes, restored after a reload.
import * as vscode from 'vscode';
import type { ChangedPairsResult, MatrixParams, ViewMatrix } from '../../../server/src/protocol/requests';
import {
  ChangedPairsRequestType,
  MatrixCellRequestType,
  MatrixRequestType,
} from '../../../server/src/protocol/requests';
import type { ParamsOf } from '../../../server/src/protocol/webview';
import { parseMatrixViewState } from '../../../server/src/protocol/webview';
import { rememberTrace } from '../commands/tracePacket';
import type { Ctx } from '../ctx';
import { proposeFromView } from '../intent/fromViews';
import { besideEditor, traceColumnBeside } from './columns';
import type { LiveSpec } from './live';
import { LivePanels } from './livePanels';
import type { TraceViews } from './traceView';

/** The matrix asked for; `changes`: on one port, with the pairs changed since HEAD. */
export type MatrixViewParams = MatrixParams & { changes?: boolean };
type ShownMatrix = ViewMatrix & { changes?: ChangedPairsResult };

const describe = (p: MatrixViewParams): string =>
  p.mode === 'declared' ? 'declared ports' : `${p.protocol} ${p.port}${p.changes ? ', changes vs HEAD' : ''}`;

/** The matrix, and in the changes mode the pairs changed on its port (computed beside it). */
async function requestMatrix(ctx: Ctx, p: MatrixViewParams): Promise<ShownMatrix> {
  const { changes, ...params } = p;
  if (!changes) return ctx.request(MatrixRequestType, params);
  const port = { port: p.port, protocol: p.protocol };
  const [matrix, pairs] = await Promise.all([
    ctx.request(MatrixRequestType, { ...params, mode: 'port' }),
    ctx.request(ChangedPairsRequestType, port),
  ]);
  return { ...matrix, changes: pairs };
}

/** The traces the matrix opens share one panel (this slot of the trace views). */
const TRACE_SLOT = 'matrix';

/** Opens a cell's trace in the one trace panel of the matrix, in a column beside it. */
async function openTrace(
  ctx: Ctx,
  traces: TraceViews,
  shown: MatrixViewParams,
  matrixColumn: number | undefined,
  p: ParamsOf<'openTrace'>,
): Promise<null> {
  const request = {
    from: p.from,
    to: p.to,
    port: p.port ?? shown.port,
    protocol: p.protocol ?? shown.protocol,
  };
  await rememberTrace(ctx.extension.workspaceState, request);
  const editors = vscode.window.visibleTextEditors.flatMap((e) => (e.viewColumn ? [e.viewColumn] : []));
  const column = traceColumnBeside(matrixColumn, editors);
  await traces.show(request, { slot: TRACE_SLOT, column, preserveFocus: true });
  return null;
}

const matrixSpec = (ctx: Ctx, traces: TraceViews): LiveSpec<MatrixViewParams, ShownMatrix> => ({
  view: 'matrix',
  title: (p) => `Reachability: ${describe(p)}`,
  progress: (p) => `Computing reachability for ${describe(p)}…`,
  commandProgress: 'notification',
  request: (p) => requestMatrix(ctx, p),
  message: ({ changes, ...matrix }) =>
    changes ? { type: 'matrix', matrix, changes } : { type: 'matrix', matrix },
  failure: { notify: 'The reachability matrix could not be computed', log: 'reachability matrix' },
  handlers: (view, column) => ({
    matrixCell: ({ from, to }) => ctx.request(MatrixCellRequestType, { ...view.params, from, to }),
    openTrace: (p) => openTrace(ctx, traces, view.params, column(), p),
    // A cell names its port in the declared-ports mode; else the matrix's port is the cell's.
    proposeIntent: (p) =>
      proposeFromView(
        p.port !== undefined || view.params.mode === 'declared'
          ? p
          : { ...p, port: view.params.port, protocol: view.params.protocol },
      ),
    matrixMode: ({ mode }) => {
      const { changes: _, ...shown } = view.params;
      view.params = mode === 'changes' ? { ...shown, mode: 'port', changes: true } : { ...shown, mode };
      void view.run('refresh');
      return Promise.resolve(null);
    },
  }),
  restore: (state) => {
    const saved = parseMatrixViewState(state);
    if (!saved) return undefined;
    const { port, protocol, mode } = saved;
    return mode === 'changes'
      ? { port, protocol, mode: 'port', changes: true }
      : { port, protocol, mode: mode ?? 'port' };
  },
  reuses: () => true,
});

export class MatrixView extends LivePanels<MatrixViewParams, ShownMatrix> {
  constructor(ctx: Ctx, traces: TraceViews) {
    super(ctx, matrixSpec(ctx, traces), vscode.ViewColumn.Active);
  }

  /** Beside the text editor the user is in (the side-by-side layout), else in the active column. */
  override show(params: MatrixViewParams): Promise<ShownMatrix | undefined> {
    const column = besideEditor(vscode.window.activeTextEditor?.viewColumn);
    return super.show(params, { column: column ?? vscode.ViewColumn.Active });
  }
}
