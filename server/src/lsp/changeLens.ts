// A CodeLens on each policy edited since git HEAD: "+3 −1 connections vs HEAD" (the connections its
// changes add and remove, netpol/changes), running netpolLens.showChanges. Nothing outside a repository.
import type { CodeLens } from 'vscode-languageserver';
import type { ChangesService } from './changes';
import type { ErrorLog } from './log';

export const SHOW_CHANGES_COMMAND = 'netpolLens.showChanges';

export async function changeLenses(changes: ChangesService, uri: string): Promise<CodeLens[]> {
  const result = await changes.result(null);
  if (!result.available) return [];
  return result.policies
    .filter((p) => p.uri === uri)
    .map((p) => ({
      range: { start: p.range.start, end: p.range.start },
      command: {
        title: title(p.added, p.removed),
        command: SHOW_CHANGES_COMMAND,
        arguments: [{ policy: p.policy }],
      },
    }));
}

/** The lenses of a document with its change lenses after them; a failure is logged and leaves them out. */
export async function withChangeLenses(
  lenses: CodeLens[],
  changes: ChangesService,
  uri: string,
  log: ErrorLog,
): Promise<CodeLens[]> {
  try {
    return [...lenses, ...(await changeLenses(changes, uri))];
  } catch (err) {
    log('codeLens', err);
    return lenses;
  }
}

function title(added: number, removed: number): string {
  if (!added && !removed) return 'no connection changes vs HEAD';
  return `+${added} −${removed} connection${added + removed === 1 ? '' : 's'} vs HEAD`;
}
