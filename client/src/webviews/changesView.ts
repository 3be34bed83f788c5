// The reachability changes panel (one at a time): the connections the edits since HEAD add and
// remove (netpol/changes). A row's buttons trace one of its pairs (the Trace Packet command) or
// open the rule it names; the CodeLens argument `{policy}` highlights that policy's groups. Re-run
// when the model changes, restored after a reload.
import * as vscode from 'vscode';
import type { ChangesResult } from '../../../server/src/protocol/requests';
import { ChangesRequestType } from '../../../server/src/protocol/requests';
import type { ChangesPort, ParamsOf } from '../../../server/src/protocol/webview';
import type { Ctx } from '../ctx';
import { proposeFromView } from '../intent/fromViews';
import { isUriString } from '../locations';
import type { LiveSpec } from './live';
import { LivePanels } from './livePanels';
import { editorColumn } from './panel';

export interface ChangesViewParams {
  /** The policy (`ns/name`) whose groups to bring into view. */
  policy?: string;
  /** Compare on this port only; without it, on each destination's declared ports. */
  port?: ChangesPort;
}

/** The documents the shown result links to: the only ones the webview may ask to open. */
const linkedUris = (r: ChangesResult): Set<string> =>
  new Set([...r.groups.flatMap((g) => g.links.map((l) => l.uri)), ...r.policies.map((p) => p.uri)]);

async function openLocation(known: Set<string>, p: ParamsOf<'openLocation'>): Promise<null> {
  if (!known.has(p.uri)) throw new Error('that document is not part of the changes shown');
  const uri = isUriString(p.uri) ? vscode.Uri.parse(p.uri, true) : vscode.Uri.file(p.uri);
  const at = new vscode.Position(p.line, p.character);
  await vscode.window.showTextDocument(uri, {
    selection: new vscode.Range(at, at),
    viewColumn: editorColumn(),
    preview: false,
  });
  return null;
}

function changesSpec(ctx: Ctx): LiveSpec<ChangesViewParams, ChangesResult> {
  let known = new Set<string>();
  return {
    view: 'changes',
    title: () => 'Reachability changes',
    resultTitle: (r) => (r.available ? `Changes vs ${r.base}: +${r.added} −${r.removed}` : undefined),
    progress: () => 'Comparing reachability with HEAD…',
    commandProgress: 'window',
    request: (p) => ctx.request(ChangesRequestType, p.port ?? null),
    message: (changes, params) => {
      known = linkedUris(changes);
      const { policy, port } = params;
      return { type: 'changes', changes, ...(policy ? { policy } : {}), ...(port ? { port } : {}) };
    },
    failure: { notify: 'The reachability changes could not be computed', log: 'reachability changes' },
    handlers: (view) => ({
      openTrace: async ({ from, to, port, protocol }) => {
        await vscode.commands.executeCommand('netpolLens.tracePacket', { from, to, port, protocol });
        return null;
      },
      openLocation: (p) => openLocation(known, p),
      changesPort: ({ port, protocol }) => {
        const { policy } = view.params;
        const chosen = port === undefined ? {} : { port: { port, protocol: protocol ?? 'TCP' } };
        view.params = { ...(policy ? { policy } : {}), ...chosen };
        void view.run('refresh');
        return Promise.resolve(null);
      },
      proposeIntent: proposeFromView,
    }),
    restore: () => ({}),
    reuses: () => true,
  };
}

export class ChangesView extends LivePanels<ChangesViewParams, ChangesResult> {
  constructor(ctx: Ctx) {
    super(ctx, changesSpec(ctx), vscode.ViewColumn.Beside);
  }
}
