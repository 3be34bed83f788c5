// Table lookups as the kernel does them: longest-prefix route match, neighbour and FDB by key.
import { cidrContains, parseCidr, parseIPv4 } from '../ipv4';
import type { Cidr } from '../ipv4';
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
    const cidr = routeCidr(r.dst);
    if (cidr && cidr.prefix > bestPrefix && cidrContains(cidr, addr)) {
      best = r;
      bestPrefix = cidr.prefix;
    }
  }
  if (!best) throw new Error(`no route for ${ip}: every table has a default route`);
  return best;
}

/** Parsed route destinations: a node's table holds a route per other node, read several times per trace. */
const routeCidrs = new Map<string, Cidr | undefined>();
const ROUTE_CIDRS_KEPT = 65_536;

function routeCidr(dst: string): Cidr | undefined {
  if (dst === 'default') return DEFAULT_ROUTE;
  if (routeCidrs.has(dst)) return routeCidrs.get(dst);
  const cidr = parseCidr(dst);
  if (routeCidrs.size >= ROUTE_CIDRS_KEPT) routeCidrs.clear();
  routeCidrs.set(dst, cidr);
  return cidr;
}

const DEFAULT_ROUTE: Cidr = { base: 0, prefix: 0 };

export function neighbourOf(node: NodeNet, ip: string, dev: string): Neighbour | undefined {
  return firstByKey(node.neighbours, (n) => `${n.dev} ${n.ip}`).get(`${dev} ${ip}`);
}

export function fdbOf(node: NodeNet, mac: string, dev: string): FdbEntry | undefined {
  return firstByKey(node.fdb, (f) => `${f.dev} ${f.mac}`).get(`${dev} ${mac}`);
}

/**
 * A table's entries by key, the first one per key (what a linear search finds), built on the first
 * lookup: a node's tables hold an entry per pod and per other node, and a trace looks up several.
 */
const indexes = new WeakMap<readonly object[], Map<string, object>>();

function firstByKey<T extends object>(entries: readonly T[], key: (e: T) => string): Map<string, T> {
  let index = indexes.get(entries) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const e of entries) {
      const k = key(e);
      if (!index.has(k)) index.set(k, e);
    }
    indexes.set(entries, index);
  }
  return index;
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
