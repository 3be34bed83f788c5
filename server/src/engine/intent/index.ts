// Intent edits (DESIGN.md "Intent edits"): what the CLI and the editor call.
export { proposeConnection, describe, connectionText } from './connection';
export { intentFor, resolveEndpoint } from './endpoints';
export type { AskedIntent } from './endpoints';
export { reachabilityChanges } from './changes';
export { isolatedDirections, proposeIsolation } from './isolate';
export type { IsolationIntent, IsolationResult } from './isolate';
export { canTighten, proposeTightening } from './tighten';
export { applied } from './proof';
export type * from './types';
