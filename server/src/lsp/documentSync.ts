// Open, change and close of editor documents. Opening validates at once (first diagnostics fast);
// changes are debounced; closing drops pending work and falls back to the file on disk, or, for a
// document that is not a workspace file, takes it out of the model.
import type { Connection } from 'vscode-languageserver';
import type { Indexer } from './indexer';
import type { ErrorLog } from './log';
import { guard } from './log';
import type { ServerState } from './state';
import type { Validator } from './validation';

export function syncDocuments(
  connection: Connection,
  state: ServerState,
  validator: Validator,
  indexer: Indexer,
  log: ErrorLog,
): void {
  connection.onDidOpenTextDocument(
    guard(log, 'didOpen', undefined, (params) => validator.validateNow(state.open.open(params))),
  );
  connection.onDidChangeTextDocument(
    guard(log, 'didChange', undefined, (params) => {
      const uri = state.open.change(params);
      if (uri !== undefined) validator.schedule(uri);
    }),
  );
  connection.onDidCloseTextDocument(
    guard(log, 'didClose', undefined, (params) => {
      const uri = state.open.close(params);
      validator.cancel(uri);
      if (state.forgetClosed(uri)) void validator.refreshDependents();
      validator.publish(uri);
      void indexer.reload(uri);
    }),
  );
}
