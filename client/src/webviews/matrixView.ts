// The reachability matrix panel (one at a time): hovering a cell asks the server why, clicking it
// opens that pair's trace in one reused panel beside the matrix; the webview may switch between one
// port and each destination's declared ports. Re-run when the model changes, restored after a reload.
import * as vscode from 'vscode';
import type { MatrixParams, ViewMatrix } from '../../../server/src/protocol/requests';
import { MatrixCellRequestType, MatrixRequestType } from '../../../server/src/protocol/requests';
import type { ParamsOf } from '../../../media/src/protocol';
import { parseMatrixViewState } from '../../../media/src/protocol';
import { rememberTrace } from '../commands/tracePacket';
import type { Ctx } from '../ctx';
import { proposeFromView } from '../intent/fromViews';
import { besideEditor, traceColumnBeside } from './columns';
import type { LiveSpec } from './live';
import { LivePanels } from './livePanels';
import type { TraceViews } from './traceView';

const describe = (p: MatrixParams): string =>
  p.mode === 'declared' ? 'declared ports' : `${p.protocol} ${p.port}`;

/** The traces the matrix opens share one panel (this slot of the trace views). */
const TRACE_SLOT = 'matrix';

/** Opens a cell's trace in the one trace panel of the matrix, in a column beside it. */
async function openTrace(
  ctx: Ctx,
  traces: TraceViews,
  shown: MatrixParams,
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

const matrixSpec = (ctx: Ctx, traces: TraceViews): LiveSpec<MatrixParams, ViewMatrix> => ({
  view: 'matrix',
  title: (p) => `Reachability: ${describe(p)}`,
  progress: (p) => `Computing reachability for ${describe(p)}…`,
  commandProgress: 'notification',
  request: (p) => ctx.request(MatrixRequestType, p),
  message: (matrix) => ({ type: 'matrix', matrix }),
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
      view.params = { ...view.params, mode };
      void view.run('refresh');
      return Promise.resolve(null);
    },
  }),
  restore: (state) => {
    const saved = parseMatrixViewState(state);
    return saved ? { port: saved.port, protocol: saved.protocol, mode: saved.mode ?? 'port' } : undefined;
  },
  reuses: () => true,
});

export class MatrixView extends LivePanels<MatrixParams, ViewMatrix> {
  constructor(ctx: Ctx, traces: TraceViews) {
    super(ctx, matrixSpec(ctx, traces), vscode.ViewColumn.Active);
  }

  /** Beside the text editor the user is in (the side-by-side layout), else in the active column. */
  override show(params: MatrixParams): Promise<ViewMatrix | undefined> {
    const column = besideEditor(vscode.window.activeTextEditor?.viewColumn);
    return super.show(params, { column: column ?? vscode.ViewColumn.Active });
  }
}
