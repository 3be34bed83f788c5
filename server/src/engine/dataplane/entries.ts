// Table entries printed the way `ip route`, `ip neigh`, `bridge fdb` and `iptables -S` print them,
// each with the component that wrote it. The origins are the point: they tell who made a packet go
// where it went (the kernel, the CNI bridge plugin, or flanneld from what it read about other nodes).
import type { FdbEntry, Neighbour, Route } from './network';
import type { TableEntry } from './types';

export interface RouteSpec {
  dst: string;
  via?: string;
  dev: string;
  onlink?: boolean;
  /** For a connected (kernel) route: the device's own address. */
  src?: string;
}

export function route(spec: RouteSpec, origin: string): Route {
  const parts = [spec.dst];
  if (spec.via) parts.push('via', spec.via);
  parts.push('dev', spec.dev);
  if (spec.src) parts.push('proto kernel scope link src', spec.src);
  if (spec.onlink) parts.push('onlink');
  return {
    table: 'route',
    text: parts.join(' '),
    origin,
    dst: spec.dst,
    via: spec.via ?? null,
    dev: spec.dev,
  };
}

export function neighbour(
  ip: string,
  dev: string,
  lladdr: string,
  permanent: boolean,
  origin: string,
): Neighbour {
  const state = permanent ? 'PERMANENT' : 'REACHABLE';
  return { table: 'neigh', text: `${ip} dev ${dev} lladdr ${lladdr} ${state}`, origin, ip, dev, lladdr };
}

/** A neighbour lookup nobody answered (what `ip neigh` shows after a failed ARP). */
export function failedNeighbour(ip: string, dev: string, origin: string): TableEntry {
  return { table: 'neigh', text: `${ip} dev ${dev} FAILED`, origin };
}

/** A bridge port entry: a MAC reachable through a veth attached to the bridge. */
export function bridgeFdb(
  mac: string,
  dev: string,
  bridge: string,
  permanent: boolean,
  origin: string,
): FdbEntry {
  const text = `${mac} dev ${dev} master ${bridge}${permanent ? ' permanent' : ''}`;
  return { table: 'fdb', text, origin, mac, dev, dst: null };
}

/** A VXLAN FDB entry: frames for this VTEP MAC are encapsulated to `dst`. */
export function vxlanFdb(mac: string, dev: string, dst: string, origin: string): FdbEntry {
  return { table: 'fdb', text: `${mac} dev ${dev} dst ${dst} self permanent`, origin, mac, dev, dst };
}

export function iptablesRule(text: string, origin: string): TableEntry {
  return { table: 'iptables', text, origin };
}

/** Only the contract fields: what a hop quotes (the model's entries carry lookup fields too). */
export function quote(entry: TableEntry): TableEntry {
  return { table: entry.table, text: entry.text, origin: entry.origin };
}
