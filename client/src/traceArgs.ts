// The trace command's optional argument (from the CodeLens, the matrix, a walkthrough link, tests):
// `{from, to, port, protocol}`, any part of which may be missing and is then asked for. Pure.
import type { TraceRequest } from '../../server/src/engine/dataplane/types';
import type { Protocol } from '../../server/src/engine/types';

export type PartialTrace = Partial<TraceRequest>;

export type ParsedArgs = { ok: true; value: PartialTrace } | { ok: false; error: string };

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export function parseProtocol(v: unknown): Protocol | undefined {
  if (typeof v !== 'string') return undefined;
  const upper = v.trim().toUpperCase();
  return PROTOCOLS.find((p) => p === upper);
}

/** A port number 1..65535 from a number or a decimal string, else undefined. */
export function parsePort(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\s*\d{1,5}\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
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
    if (port === undefined) return { ok: false, error: `"port" must be a number from 1 to 65535` };
    value.port = port;
  }
  if (r.protocol !== undefined) {
    const protocol = parseProtocol(r.protocol);
    if (!protocol) return { ok: false, error: `"protocol" must be TCP, UDP or SCTP` };
    value.protocol = protocol;
  }
  return { ok: true, value };
}

export function isComplete(p: PartialTrace): p is TraceRequest {
  return p.from !== undefined && p.to !== undefined && p.port !== undefined && p.protocol !== undefined;
}

export const isIPv4 = (text: string): boolean => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && String(Number(o)) === o);
};
