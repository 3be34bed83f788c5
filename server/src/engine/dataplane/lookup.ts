// Table lookups as the kernel does them: longest-prefix route match, neighbour and FDB by key.
import { cidrContains, parseCidr, parseIPv4 } from '../ipv4';
import type { FdbEntry, Neighbour, NodeNet, Route } from './network';
import { quote } from './entries';
import { ORIGIN } from './origins';
import type { TableEntry } from './types';

/** The route the kernel picks for `ip`: the longest matching prefix, `default` as /0. */
export function lookupRoute(routes: readonly Route[], ip: string): Route {
  const addr = parseIPv4(ip) ?? 0;
  let best: Route | undefined;
  let bestPrefix = -1;
  for (const r of routes) {
    const cidr = r.dst === 'default' ? { base: 0, prefix: 0 } : parseCidr(r.dst);
    if (cidr && cidr.prefix > bestPrefix && cidrContains(cidr, addr)) {
      best = r;
      bestPrefix = cidr.prefix;
    }
  }
  if (!best) throw new Error(`no route for ${ip}: every table has a default route`);
  return best;
}

export function neighbourOf(node: NodeNet, ip: string, dev: string): Neighbour | undefined {
  return node.neighbours.find((n) => n.ip === ip && n.dev === dev);
}

export function fdbOf(node: NodeNet, mac: string, dev: string): FdbEntry | undefined {
  return node.fdb.find((f) => f.mac === mac && f.dev === dev);
}

/** Entries that exist, in order (a lookup that found nothing quotes nothing). */
export function present(...entries: (TableEntry | undefined)[]): TableEntry[] {
  return entries.filter((e): e is TableEntry => e !== undefined).map(quote);
}

/** The kernel's local-table route for one of the host's (or pod's) own addresses. */
export function localRoute(dst: string, dev: string, src = dst): TableEntry {
  return {
    table: 'route',
    text: `local ${dst} dev ${dev} table local proto kernel scope host src ${src}`,
    origin: ORIGIN.local(dev),
  };
}
