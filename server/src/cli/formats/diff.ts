// `diff --format text` (grouped for a reviewer) and `--format markdown` (a summary line, then a table
// for a pull-request comment). A long diff shows its first groups and counts the rest.
import type { ChangeGroup, PortKey, ReachabilityDiff } from '../../engine/diff';
import { plural, printable, style } from './style';

export interface DiffView {
  diff: ReachabilityDiff;
  base: string;
  head: string;
  /** Groups shown per change kind; the rest are counted. */
  maxGroups: number;
  /** One line per file left out of a side (errors, too large); markdown shows them, text leaves them to stderr. */
  notes: readonly string[];
}

/** `TCP 80, 443` or `TCP 53, UDP 53`. */
export function portsText(ports: readonly PortKey[]): string {
  const byProtocol = new Map<string, number[]>();
  for (const p of ports) byProtocol.set(p.protocol, [...(byProtocol.get(p.protocol) ?? []), p.port]);
  return [...byProtocol].map(([protocol, list]) => `${protocol} ${list.join(', ')}`).join(', ');
}

/** `12 connections added, 3 removed, 340 unchanged; 2 pods only in head, 1 only in base`. */
export function summaryText(d: ReachabilityDiff): string {
  const counts = `${plural(d.added, 'connection')} added, ${d.removed} removed, ${d.unchanged} unchanged`;
  const onlyHead = d.pods.added.length;
  const onlyBase = d.pods.removed.length;
  const pods =
    onlyHead || onlyBase ? `; ${plural(onlyHead, 'pod')} only in head, ${onlyBase} only in base` : '';
  return `${counts}${pods}`;
}

const kindGroups = (d: ReachabilityDiff, change: string) => d.groups.filter((g) => g.change === change);

const rest = (groups: readonly ChangeGroup[], shown: number) => {
  const hidden = groups.slice(shown);
  const n = hidden.reduce((sum, g) => sum + g.connections, 0);
  return `… and ${plural(hidden.length, 'more group')} (${plural(n, 'connection')}); --format json lists every connection`;
};

export function diffText(v: DiffView, color: boolean): string {
  const s = style(color);
  const d = v.diff;
  const lines = [s.bold(printable(`Reachability changes from ${v.base} to ${v.head}`)), summaryText(d) + '.'];
  for (const [change, sign, paint] of [
    ['added', '+', s.good],
    ['removed', '-', s.bad],
  ] as const) {
    const groups = kindGroups(d, change);
    if (!groups.length) continue;
    const total = change === 'added' ? d.added : d.removed;
    lines.push('', s.bold(`${change === 'added' ? 'Added' : 'Removed'}: ${plural(total, 'connection')}`));
    for (const g of groups.slice(0, v.maxGroups)) lines.push(paint(`  ${sign} ${printable(groupLine(g))}`));
    if (groups.length > v.maxGroups) lines.push(s.dim(`  ${rest(groups, v.maxGroups)}`));
  }
  if (!d.groups.length) lines.push('', noChanges(d));
  lines.push(...podLines(d));
  return lines.join('\n') + '\n';
}

function noChanges(d: ReachabilityDiff): string {
  if (!d.ports.length)
    return 'No connections to compare: no pod present in both revisions declares a container port (--port N compares every pair).';
  return `No connection changes on ${portsText(d.ports)}.`;
}

/** `3 pods of deploy/shop/web → data/db-0 on TCP 5432: now allowed by data/db-access ingress rule 1`. */
export function groupLine(g: ChangeGroup): string {
  const count = g.connections > 1 ? ` (${g.connections})` : '';
  return `${g.fromLabel} → ${g.toLabel} on ${portsText(g.ports)}${count}: ${g.reason}`;
}

function podLines(d: ReachabilityDiff): string[] {
  const list = (keys: readonly string[]) =>
    keys.length > 10 ? `${keys.slice(0, 10).join(', ')}, … (${keys.length})` : keys.join(', ');
  const out: string[] = [];
  if (d.pods.added.length) out.push(printable(`Pods only in head: ${list(d.pods.added)}`));
  if (d.pods.removed.length) out.push(printable(`Pods only in base: ${list(d.pods.removed)}`));
  return out.length ? ['', ...out] : [];
}

/** Markdown: text from the files is escaped so that a hostile name cannot break the table or add links. */
const md = (text: string): string => printable(text).replace(/[\\`*_[\]<>|#!~&]/g, (c) => `\\${c}`);

export function diffMarkdown(v: DiffView): string {
  const d = v.diff;
  const lines = [`**Reachability changes** (${md(v.base)} → ${md(v.head)}): ${md(summaryText(d))}.`, ''];
  if (d.groups.length) {
    lines.push('| | from | to | ports | connections | reason |', '|---|---|---|---|--:|---|');
    for (const change of ['added', 'removed'] as const) {
      const groups = kindGroups(d, change);
      for (const g of groups.slice(0, v.maxGroups)) lines.push(tableRow(g));
      if (groups.length > v.maxGroups)
        lines.push(`| ${change === 'added' ? '➕' : '➖'} | ${md(rest(groups, v.maxGroups))} | | | | |`);
    }
  } else lines.push(md(noChanges(d)));
  const pods = podLines(d).slice(1);
  if (pods.length) lines.push('', ...pods.map((p) => `${md(p)}  `));
  if (v.notes.length) lines.push('', ...v.notes.map((n) => `> ${md(n)}  `));
  return lines.join('\n') + '\n';
}

function tableRow(g: ChangeGroup): string {
  const sign = g.change === 'added' ? '➕ added' : '➖ removed';
  return `| ${sign} | ${md(g.fromLabel)} | ${md(g.toLabel)} | ${md(portsText(g.ports))} | ${g.connections} | ${md(g.reason)} |`;
}
