// Intent edits (DESIGN.md "Intent edits"): what the CLI and the editor call.
export { proposeConnection, describe, connectionText } from './connection';
export { resolveEndpoint } from './endpoints';
export { reachabilityChanges } from './changes';
export { applied } from './proof';
export type * from './types';
