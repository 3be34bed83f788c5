// `netpol-lens trace`: one simulated packet through the cluster the files describe. Exit 0 whenever
// the trace ran (delivered or dropped); an unknown or ambiguous pod, or a bad address, is a usage
// error: one line on stderr naming the closest matches, exit 2.
import { isTraceError, traceConnection } from '../engine/dataplane';
import type { Trace, TraceDrop, TraceError, TraceHop, TraceRequest } from '../engine/dataplane';
import type { Protocol } from '../engine/types';
import type { Workspace } from '../engine/workspace';
import { EXIT_OK, EXIT_USAGE } from './errors';
import { toJson } from './formats/json';
import { printable, style } from './formats/style';
import type { Style } from './formats/style';
import type { Output } from './output';
import { TOOL } from './tool';

export const TRACE_FORMATS = ['text', 'json'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

export interface TraceOptions {
  from: string;
  to: string;
  /** A number, or a Service port's name. */
  port: number | string;
  protocol: Protocol;
  endpoint?: string;
  format: TraceFormat;
}

export function runTrace(workspace: Workspace, opts: TraceOptions, out: Output): number {
  const { from, to, port, protocol, endpoint } = opts;
  const request: TraceRequest =
    typeof port === 'number' ? { from, to, port, protocol } : { from, to, port: 0, portName: port, protocol };
  if (endpoint !== undefined) request.endpoint = endpoint;
  const result = traceConnection(workspace.topology(), request);
  if (isTraceError(result)) {
    out.error(`${TOOL.name}: ${errorLine(result)}`);
    return EXIT_USAGE;
  }
  for (const note of result.notes ?? []) out.error(`${TOOL.name}: note: ${printable(note)}`);
  out.write(opts.format === 'json' ? toJson(result) : traceText(result, out.color));
  return EXIT_OK;
}

export function errorLine(e: TraceError): string {
  const line = e.suggestions.length ? `${e.error}; closest: ${e.suggestions.join(', ')}` : e.error;
  return printable(line);
}

const COLUMNS = ['STEP', 'NODE', 'NETNS', 'DEVICE', 'ACTION'] as const;

/** A table a person can paste into a chat: header, one row per hop, the verdict, the summary. */
export function traceText(trace: Trace, color: boolean): string {
  const s = style(color);
  return (
    [
      s.bold(heading(trace)),
      ...workloadNotes(trace),
      ...serviceLines(trace),
      ...dnsLines(trace, s),
      '',
      ...hopTable(trace.hops, s),
      '',
      verdictLine(trace, s),
      ...closestRuleLine(trace),
      printable(trace.summary),
    ].join('\n') + '\n'
  );
}

function hopTable(hops: readonly TraceHop[], s: Style): string[] {
  if (!hops.length) return ['(no packet left the pod)'];
  const rows = hops.map(hopRow);
  const widths = COLUMNS.slice(0, -1).map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]) : cell))
      .join('  ')
      .trimEnd();
  return [s.bold(line(COLUMNS)), ...rows.map((r, i) => (hops[i]?.step === null ? s.dim(line(r)) : line(r)))];
}

function serviceLines(t: Trace): string[] {
  const svc = t.service;
  if (!svc) return [];
  const endpoints = svc.endpoints.length ? svc.endpoints.join(', ') : 'none';
  const address = svc.clusterIP ? `ClusterIP ${svc.clusterIP}:${svc.port}` : `headless, port ${svc.port}`;
  const target = svc.endpoint ? ` → ${svc.endpoint} targetPort ${svc.targetPort}` : '';
  return [printable(`Service ${svc.name}: ${address}${target}; endpoints: ${endpoints}`)];
}

function dnsLines(t: Trace, s: Style): string[] {
  const dns = t.dns;
  if (!dns) return [];
  const answer = dns.answer.length ? dns.answer.join(', ') : 'no answer';
  return [
    '',
    s.bold(printable(`DNS lookup of ${dns.query} (UDP 53 to kube-dns): ${dns.verdict}, ${answer}`)),
    ...hopTable(dns.hops, s),
  ];
}

function heading(t: Trace): string {
  const enforcement = t.enforcement ? 'policy enforcement on' : 'no policy enforcement (plain flannel)';
  return printable(
    `Trace ${t.from} → ${t.to}, ${t.protocol} ${t.port} (flannel ${t.backend}, ${enforcement})`,
  );
}

/** On a policy drop (or one that would be), the rule that came closest to allowing it. */
function closestRuleLine(t: Trace): string[] {
  const miss = (t.drop ?? t.wouldDrop)?.nearMiss;
  return miss ? [printable(`Closest rule: ${miss.explanation}`)] : [];
}

/** Which replica a workload name stood for. */
function workloadNotes(t: Trace): string[] {
  const w = t.workloads;
  return [w?.from, w?.to].flatMap((n) => (n ? [printable(n.note)] : []));
}

function hopRow(h: TraceHop): string[] {
  const nat = h.nat ? ` [${h.nat.type} ${h.nat.from} → ${h.nat.to}]` : '';
  return [h.step ?? '-', h.node, h.netns, h.device, h.action + nat].map(printable);
}

/** "Delivered" or "Dropped by <ns/policy>", as the trace view's verdict reads. */
export function verdictText(trace: Trace): string {
  if (trace.drop) return dropText(trace.drop, trace.to);
  const would = trace.wouldDrop;
  return would
    ? `Delivered (not enforced: a policy engine would drop it by ${would.policies.join(', ')})`
    : 'Delivered';
}

/** Worded as the trace view words it. */
function dropText(drop: TraceDrop, to: string): string {
  const dns = drop.stage === 'dns' ? ' (DNS lookup)' : '';
  if (drop.reason === 'policy') return `Dropped by ${drop.policies.join(', ')}${dns}`;
  if (drop.reason === 'no-endpoints') return `Dropped: ${to} has no endpoints`;
  if (drop.reason === 'no-local-endpoint') return `Dropped: no local endpoint of ${to} on that node`;
  return drop.reason === 'arp-failed'
    ? `Dropped: nobody answered ARP for ${to}`
    : `Dropped: no route to ${to}`;
}

function verdictLine(trace: Trace, s: Style): string {
  const text = printable(verdictText(trace));
  return trace.verdict === 'delivered' ? s.good(text) : s.bad(text);
}
