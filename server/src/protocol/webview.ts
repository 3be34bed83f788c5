// The one message protocol between the extension and its webviews, imported by both sides.
// Data flows to a webview only after it said `ready`; requests from a webview carry an id and are
// answered by exactly one `reply` (ok or error); the webview times out requests nobody answers.
// Both directions are validated on receipt: a malformed message is dropped, never half-handled.
import type { Trace, TraceRequest } from '../engine/dataplane/types';
import type { ChangedPairsResult, ChangesResult, MatrixCell, TopologyResult, ViewMatrix } from './requests';
import type { MatrixMode, Protocol } from './values';
import { isPortNumber as isPort, isProtocol } from './values';

export type ViewKind = 'trace' | 'matrix' | 'topology' | 'changes';

/** The matrix view's modes: the engine's, and "changes" (one port, cells coloured by what changed since HEAD). */
export type MatrixViewMode = MatrixMode | 'changes';

/** What a webview may ask the extension to do, with the answer it gets back. */
export interface WebviewRequests {
  /** Open the YAML of a policy (`ns/name`) at its definition. */
  openPolicy: { params: { policy: string }; result: null };
  /** The reason a matrix cell is allowed or denied. */
  matrixCell: { params: { from: string; to: string }; result: MatrixCell };
  /**
   * Open the trace view for a pair of pods, on the matrix's port and protocol or, when given, on one
   * of the destination's declared ports.
   */
  openTrace: { params: { from: string; to: string; port?: number; protocol?: Protocol }; result: null };
  /** Show the matrix on one port, on each destination's declared ports, or its changes since HEAD. */
  matrixMode: { params: { mode: MatrixViewMode }; result: null };
  /** Open one of the documents the shown changes link to, at a 0-based position. */
  openLocation: { params: { uri: string; line: number; character: number }; result: null };
  /** Compare the changes on one port (and protocol); without a port, on each destination's declared ports. */
  changesPort: { params: { port?: number; protocol?: Protocol }; result: null };
  /**
   * Propose an edit that allows or denies a connection (every port when none is given): the
   * extension previews it; the reply comes at once, before the user decides.
   */
  proposeIntent: { params: IntentRequest; result: null };
}

export interface IntentRequest {
  action: 'allow' | 'deny';
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
}
export type RequestMethod = keyof WebviewRequests;
export type ParamsOf<M extends RequestMethod> = WebviewRequests[M]['params'];
export type ResultOf<M extends RequestMethod> = WebviewRequests[M]['result'];

export type WebviewRequest = {
  [M in RequestMethod]: { type: 'request'; id: number; method: M; params: ParamsOf<M> };
}[RequestMethod];

export type FromWebview =
  | { type: 'ready' }
  | WebviewRequest
  /** An unexpected error inside the webview, for the output channel. */
  | { type: 'error'; message: string };

export type Reply =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

/** The one port the changes view compares on (none: each destination's declared ports). */
export interface ChangesPort {
  port: number;
  protocol: Protocol;
}

export type ToWebview =
  /** A (re-)computed trace; `speed` is the configured default replay speed. */
  | { type: 'trace'; trace: Trace; speed: number }
  /** The trace could not be computed (unknown pod, server not ready, …). */
  | { type: 'traceError'; request: TraceRequest; error: string; suggestions: string[] }
  /** `changes`: in the changes mode, the pairs whose connection changed since HEAD. */
  | { type: 'matrix'; matrix: ViewMatrix; changes?: ChangedPairsResult }
  | { type: 'topology'; topology: TopologyResult }
  /** The reachability changes since HEAD; `policy` is the policy whose groups to bring into view. */
  | { type: 'changes'; changes: ChangesResult; policy?: string; port?: ChangesPort }
  /** The view's data is being recomputed (model changed); the old data stays visible meanwhile. */
  | { type: 'busy' }
  | Reply;

/** Messages that carry a view's data (everything but replies and the busy flag). */
export type DataMessage = Exclude<ToWebview, { type: 'reply' | 'busy' }>;

const REQUEST_METHODS: readonly RequestMethod[] = [
  'openPolicy',
  'matrixCell',
  'openTrace',
  'matrixMode',
  'openLocation',
  'changesPort',
  'proposeIntent',
];

/** How long a webview waits for a reply before giving up. */
export const REQUEST_TIMEOUT_MS = 15_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const MAX_NAME = 1024;
const isName = (v: unknown): v is string => isStr(v) && v.length > 0 && v.length <= MAX_NAME;
const MATRIX_VIEW_MODES: readonly MatrixViewMode[] = ['port', 'declared', 'changes'];
const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

const PARAM_CHECKS: { [M in RequestMethod]: (p: Obj) => boolean } = {
  openPolicy: (p) => isName(p.policy),
  matrixCell: (p) => isName(p.from) && isName(p.to),
  openTrace: (p) =>
    isName(p.from) &&
    isName(p.to) &&
    (p.port === undefined || isPort(p.port)) &&
    (p.protocol === undefined || isProtocol(p.protocol)),
  matrixMode: (p) => MATRIX_VIEW_MODES.includes(p.mode as MatrixViewMode),
  openLocation: (p) => isName(p.uri) && isIndex(p.line) && isIndex(p.character),
  changesPort: (p) =>
    (p.port === undefined || isPort(p.port)) && (p.protocol === undefined || isProtocol(p.protocol)),
  proposeIntent: (p) =>
    (p.action === 'allow' || p.action === 'deny') &&
    isName(p.from) &&
    isName(p.to) &&
    (p.port === undefined || isPort(p.port)) &&
    (p.protocol === undefined || isProtocol(p.protocol)),
};

function isMethod(v: unknown): v is RequestMethod {
  return isStr(v) && (REQUEST_METHODS as readonly string[]).includes(v);
}

/** Validates a message received from a webview (untrusted: it runs workspace-derived content). */
export function parseFromWebview(raw: unknown): FromWebview | null {
  if (!isObj(raw)) return null;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'error':
      return isStr(raw.message) ? { type: 'error', message: raw.message.slice(0, 4000) } : null;
    case 'request': {
      if (!isId(raw.id) || !isMethod(raw.method) || !isObj(raw.params)) return null;
      if (!PARAM_CHECKS[raw.method](raw.params)) return null;
      return { type: 'request', id: raw.id, method: raw.method, params: raw.params } as WebviewRequest;
    }
    default:
      return null;
  }
}

function isTrace(v: unknown): v is Trace {
  return (
    isObj(v) &&
    isStr(v.from) &&
    isStr(v.to) &&
    (v.verdict === 'delivered' || v.verdict === 'dropped') &&
    Array.isArray(v.hops) &&
    Array.isArray(v.nodes)
  );
}

function isRequest(v: unknown): v is TraceRequest {
  return isObj(v) && isStr(v.from) && isStr(v.to) && typeof v.port === 'number' && isStr(v.protocol);
}

const isMatrix = (v: unknown): v is ViewMatrix =>
  isObj(v) &&
  Array.isArray(v.pods) &&
  (Array.isArray(v.allowed) || isObj(v.reach) || isObj(v.declared)) &&
  typeof v.port === 'number' &&
  (v.owners === undefined || Array.isArray(v.owners));
const isTopology = (v: unknown): v is TopologyResult =>
  isObj(v) && Array.isArray(v.nodes) && Array.isArray(v.pods) && Array.isArray(v.policies);
const isChanges = (v: unknown): v is ChangesResult =>
  isObj(v) &&
  typeof v.available === 'boolean' &&
  isStr(v.message) &&
  isStr(v.base) &&
  Array.isArray(v.groups) &&
  typeof v.moreGroups === 'number' &&
  Array.isArray(v.notes);

const isChangesPort = (v: unknown): v is ChangesPort => isObj(v) && isPort(v.port) && isProtocol(v.protocol);

const isPairs = (v: unknown): boolean =>
  Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isName(p[0]) && isName(p[1]));
const isChangedPairs = (v: unknown): v is ChangedPairsResult =>
  isObj(v) &&
  typeof v.available === 'boolean' &&
  isStr(v.message) &&
  isStr(v.base) &&
  isPairs(v.added) &&
  isPairs(v.removed);

function parseReply(raw: Obj): Reply | null {
  if (!isId(raw.id)) return null;
  if (raw.ok === true) return { type: 'reply', id: raw.id, ok: true, result: raw.result ?? null };
  if (raw.ok === false && isStr(raw.error)) return { type: 'reply', id: raw.id, ok: false, error: raw.error };
  return null;
}

/** Validates a message received by a webview (the shape the views rely on, not every field). */
export function parseToWebview(raw: unknown): ToWebview | null {
  if (!isObj(raw)) return null;
  switch (raw.type) {
    case 'trace':
      return isTrace(raw.trace) && typeof raw.speed === 'number'
        ? { type: 'trace', trace: raw.trace, speed: raw.speed }
        : null;
    case 'traceError':
      return isRequest(raw.request) && isStr(raw.error) && Array.isArray(raw.suggestions)
        ? {
            type: 'traceError',
            request: raw.request,
            error: raw.error,
            suggestions: raw.suggestions.filter(isStr),
          }
        : null;
    case 'matrix':
      if (!isMatrix(raw.matrix)) return null;
      return isChangedPairs(raw.changes)
        ? { type: 'matrix', matrix: raw.matrix, changes: raw.changes }
        : { type: 'matrix', matrix: raw.matrix };
    case 'topology':
      return isTopology(raw.topology) ? { type: 'topology', topology: raw.topology } : null;
    case 'changes':
      if (!isChanges(raw.changes)) return null;
      return {
        type: 'changes',
        changes: raw.changes,
        ...(isName(raw.policy) ? { policy: raw.policy } : {}),
        ...(isChangesPort(raw.port) ? { port: raw.port } : {}),
      };
    case 'busy':
      return { type: 'busy' };
    case 'reply':
      return parseReply(raw);
    default:
      return null;
  }
}

/** What a webview keeps with setState; VS Code hands it to the panel serializer after a reload. */
export interface TraceViewState {
  view: 'trace';
  request: TraceRequest;
  index: number;
  speed: number;
}

export interface MatrixViewState {
  view: 'matrix';
  port: number;
  protocol: TraceRequest['protocol'];
  mode?: MatrixViewMode;
  /** Show only rows and columns with an allowed pair. */
  allowedOnly?: boolean;
  /** Workloads and namespaces opened to their pods (group keys, see matrix/groups.ts). */
  expanded?: string[];
}

export function parseTraceViewState(raw: unknown): TraceViewState | null {
  if (!isObj(raw) || raw.view !== 'trace' || !isObj(raw.request)) return null;
  const r = raw.request;
  if (!isName(r.from) || !isName(r.to) || !isPort(r.port) || !isProtocol(r.protocol)) return null;
  const request: TraceRequest = { from: r.from, to: r.to, port: r.port, protocol: r.protocol };
  const index = Number.isSafeInteger(raw.index) && (raw.index as number) >= 0 ? (raw.index as number) : 0;
  const speed = typeof raw.speed === 'number' && raw.speed > 0 ? raw.speed : 1;
  return { view: 'trace', request, index, speed };
}

export function parseMatrixViewState(raw: unknown): MatrixViewState | null {
  if (!isObj(raw) || raw.view !== 'matrix' || !isPort(raw.port)) return null;
  if (!isProtocol(raw.protocol)) return null;
  const state: MatrixViewState = { view: 'matrix', port: raw.port, protocol: raw.protocol };
  if (raw.mode === 'declared' || raw.mode === 'changes') state.mode = raw.mode;
  if (raw.allowedOnly === true) state.allowedOnly = true;
  if (Array.isArray(raw.expanded)) state.expanded = raw.expanded.filter(isName).slice(0, 10_000);
  return state;
}
