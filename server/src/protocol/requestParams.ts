// The parameters of the custom requests (requests.ts), checked on receipt by the language server:
// they come from any client, so each is read as unknown and a bad one becomes the InvalidParams
// reply carrying the message here. Checked in the order the fields are listed; the first problem wins.
import type { TraceRequest } from '../engine/dataplane/types';
import type { Checked } from './checked';
import { accept, reject } from './checked';
import type { MatrixMode, Protocol } from './values';
import {
  isMatrixMode,
  isPortName,
  isPortNumber,
  isProtocol,
  MATRIX_MODES,
  PORT_MAX,
  PORT_MIN,
  PROTOCOLS,
} from './values';

type Fields = Record<string, unknown>;

/** A missing or non-object parameter reads as an object without fields (each then reports itself). */
const fieldsOf = (raw: unknown): Fields => (typeof raw === 'object' && raw !== null ? (raw as Fields) : {});

const nameProblem = (v: unknown, field: string): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? undefined : `${field} must be a non-empty string`;
const portProblem = (v: unknown): string | undefined =>
  isPortNumber(v) ? undefined : `port must be an integer from ${PORT_MIN} to ${PORT_MAX}`;
const protocolProblem = (v: unknown): string | undefined =>
  isProtocol(v) ? undefined : `protocol must be one of ${PROTOCOLS.join(', ')}`;
/** The mode defaults to `port`. */
const modeProblem = (v: unknown): string | undefined =>
  v === undefined || v === null || isMatrixMode(v)
    ? undefined
    : `mode must be one of ${MATRIX_MODES.join(', ')}`;
const modeOf = (v: unknown): MatrixMode => (isMatrixMode(v) ? v : 'port');

/** `netpol/trace`: the pods (or workloads, or an address), the port and the protocol. */
export function traceParams(raw: unknown): Checked<TraceRequest> {
  const p = fieldsOf(raw);
  const problem =
    nameProblem(p.from, 'from') ??
    nameProblem(p.to, 'to') ??
    portProblem(p.port) ??
    protocolProblem(p.protocol);
  if (problem) return reject(problem);
  return accept({
    from: p.from as string,
    to: p.to as string,
    port: p.port as number,
    protocol: p.protocol as Protocol,
  });
}

export interface CheckedMatrixParams {
  mode: MatrixMode;
  port: number;
  protocol: Protocol;
}

/** `netpol/matrix`: the mode, and the port and protocol (required even in `declared` mode). */
export function matrixParams(raw: unknown): Checked<CheckedMatrixParams> {
  const p = fieldsOf(raw);
  const problem = modeProblem(p.mode) ?? portProblem(p.port) ?? protocolProblem(p.protocol);
  if (problem) return reject(problem);
  return accept({ mode: modeOf(p.mode), port: p.port as number, protocol: p.protocol as Protocol });
}

export type CheckedMatrixCellParams = { from: string; to: string } & (
  { mode: 'declared' } | { mode: 'port'; port: number; protocol: Protocol }
);

/** `netpol/matrixCell`: the pair, the mode, and on one port that port and its protocol. */
export function matrixCellParams(raw: unknown): Checked<CheckedMatrixCellParams> {
  const p = fieldsOf(raw);
  const problem = nameProblem(p.from, 'from') ?? nameProblem(p.to, 'to') ?? modeProblem(p.mode);
  if (problem) return reject(problem);
  const pair = { from: p.from as string, to: p.to as string };
  if (modeOf(p.mode) === 'declared') return accept({ ...pair, mode: 'declared' });
  const onPort = portProblem(p.port) ?? protocolProblem(p.protocol);
  if (onPort) return reject(onPort);
  return accept({ ...pair, mode: 'port', port: p.port as number, protocol: p.protocol as Protocol });
}

/** `netpol/portsMatrix`: a container port name (or `declared`) and the protocol. */
export function portsMatrixParams(raw: unknown): Checked<{ port: string; protocol: Protocol }> {
  const p = fieldsOf(raw);
  const problem =
    (isPortName(p.port) ? undefined : 'port must be a container port name or "declared"') ??
    protocolProblem(p.protocol);
  if (problem) return reject(problem);
  return accept({ port: p.port as string, protocol: p.protocol as Protocol });
}

export interface CheckedChangesParams {
  port?: number;
  protocol?: Protocol;
  maxGroups: number;
}

/** `netpol/changes`: every field optional (null params too); `maxGroups` defaults to `defaultMaxGroups`. */
export function changesParams(raw: unknown, defaultMaxGroups: number): Checked<CheckedChangesParams> {
  const p = fieldsOf(raw);
  const maxGroups = p.maxGroups ?? defaultMaxGroups;
  const problem =
    (p.port === undefined ? undefined : portProblem(p.port)) ??
    (p.protocol === undefined ? undefined : protocolProblem(p.protocol)) ??
    (Number.isInteger(maxGroups) && (maxGroups as number) >= 0
      ? undefined
      : 'maxGroups must be a non-negative integer');
  if (problem) return reject(problem);
  const out: CheckedChangesParams = { maxGroups: maxGroups as number };
  if (p.port !== undefined) out.port = p.port as number;
  if (p.protocol !== undefined) out.protocol = p.protocol as Protocol;
  return accept(out);
}
