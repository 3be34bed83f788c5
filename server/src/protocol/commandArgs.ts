// The optional arguments of the commands that take one (from the CodeLens, the matrix, a walkthrough
// link, tests): the trace command's `{from, to, port, protocol}`, any part of which may be missing and
// is then asked for, and the matrix command's `{port, protocol}`. Pure.
import type { TraceRequest } from '../engine/dataplane/types';
import type { Checked } from './checked';
import type { Protocol } from './values';
import {
  isPortNumber,
  oneOfText,
  PORT_MAX,
  PORT_MIN,
  portFromDigits,
  PROTOCOLS,
  protocolFromText,
} from './values';

export type PartialTrace = Partial<TraceRequest>;

export type ParsedArgs = Checked<PartialTrace>;

/** A port number 1..65535 from a number or a decimal string (blanks around it ignored), else undefined. */
export function parsePort(v: unknown): number | undefined {
  if (typeof v === 'string') return portFromDigits(v.trim());
  return isPortNumber(v) ? v : undefined;
}

function field(raw: Record<string, unknown>, key: string): string | undefined | null {
  const v = raw[key];
  if (v === undefined) return undefined;
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/**
 * Reads the argument. Anything that is not a plain object (nothing, or the resource URI a menu
 * passes) means "ask for everything"; a field present with a wrong value is an error.
 */
export function parseTraceArgs(raw: unknown): ParsedArgs {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: true, value: {} };
  const r = raw as Record<string, unknown>;
  if (!['from', 'to', 'port', 'protocol'].some((k) => k in r)) return { ok: true, value: {} };
  const value: PartialTrace = {};
  for (const key of ['from', 'to'] as const) {
    const v = field(r, key);
    if (v === null)
      return {
        ok: false,
        error: `"${key}" must be a pod or workload (ns/name, deploy/ns/name) or an IP address`,
      };
    if (v !== undefined) value[key] = v;
  }
  if (r.port !== undefined) {
    const port = parsePort(r.port);
    if (port === undefined)
      return { ok: false, error: `"port" must be a number from ${PORT_MIN} to ${PORT_MAX}` };
    value.port = port;
  }
  if (r.protocol !== undefined) {
    const protocol = protocolFromText(r.protocol);
    if (!protocol) return { ok: false, error: `"protocol" must be ${oneOfText(PROTOCOLS)}` };
    value.protocol = protocol;
  }
  return { ok: true, value };
}

/** The matrix command's argument: a port (protocol TCP unless given); anything else means "ask". */
export function parseMatrixArg(arg: unknown): { port: number; protocol: Protocol } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const r = arg as Record<string, unknown>;
  const port = parsePort(r.port);
  return port === undefined ? undefined : { port, protocol: protocolFromText(r.protocol) ?? 'TCP' };
}

export function isComplete(p: PartialTrace): p is TraceRequest {
  return p.from !== undefined && p.to !== undefined && p.port !== undefined && p.protocol !== undefined;
}

export const isIPv4 = (text: string): boolean => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && String(Number(o)) === o);
};

/** The Show Reachability Changes argument: `{policy: 'ns/name'}` from the CodeLens; anything else shows all. */
export function parseChangesArg(arg: unknown): { policy?: string } {
  const policy = (arg as { policy?: unknown } | null | undefined)?.policy;
  return typeof policy === 'string' && policy.length > 0 ? { policy } : {};
}
