// NetworkPolicy Lens: Show Reachability Changes — the connections the edits since HEAD add and
// remove; the CodeLens "+N −M connections vs HEAD" passes `{policy}` to highlight that policy's groups.
import { parseChangesArg } from '../../../server/src/protocol/commandArgs';
import type { CommandFactory } from './services';

export const showChanges: CommandFactory = (s) => (arg) => s.changes.show(parseChangesArg(arg));
