// Where each hop of a trace sits on the diagram, and the polyline the packet follows from one hop to
// the next (through the underlay bus, and the trunk between rows, when it changes node). Pure.
import type { Trace, TraceHop } from '../../../server/src/engine/dataplane/types';
import type { Box, DiagramNode, Layout, LayoutOptions, Point } from '../diagram/layout';
import { byPodKey } from '../diagram/geometry';
import { boxId, boxIndex, center } from '../diagram/layout';
import { isKubeProxyHop, kubeProxyNodes } from './legs';

export interface HopPoint extends Point {
  node: string;
  /** On the underlay bus (or trunk) rather than inside a node. */
  bus: boolean;
}

/**
 * The trace's nodes in the diagram's terms: the nodes the packet crosses, in the order it crosses
 * them (the others are left out; the view says how many).
 */
export function diagramNodes(trace: Trace): DiagramNode[] {
  const order = [...new Set(trace.hops.map((h) => h.node))];
  const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
  const onPath = trace.hops.length ? trace.nodes.filter((n) => order.includes(n.name)) : trace.nodes;
  return [...onPath]
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map((n) => ({
      name: n.name,
      ip: n.ip,
      podCIDR: n.podCIDR,
      bridge: { name: n.bridge.name, ip: n.bridge.ip },
      vtep: n.vtep ? { name: n.vtep.name, ip: n.vtep.ip } : null,
      pods: n.pods.map((p) => ({ key: p.key, ip: p.ip, veth: p.veth, sandbox: p.sandbox })).sort(byPodKey),
    }));
}

/** The pods a trace passes through: they stay visible when a node folds its other pods. */
export function focusPods(trace: Trace): string[] {
  const devices = new Set(trace.hops.map((h) => h.device));
  const namespaces = new Set(trace.hops.map((h) => h.netns));
  const pods = trace.nodes.flatMap((n) => n.pods);
  return pods
    .filter((p) => p.key === trace.from || p.key === trace.to || namespaces.has(p.key) || devices.has(p.veth))
    .map((p) => p.key);
}

const isPod = (trace: Trace, ref: string): boolean =>
  trace.nodes.some((n) => n.pods.some((p) => p.key === ref || p.ip === ref));

/**
 * The end of the trace outside the cluster, drawn beside the underlay: a client sending to a
 * nodePort, or a destination address that is no pod (a Service, named or by ClusterIP, is inside).
 */
export function externalEnd(trace: Trace): string | undefined {
  if (!isPod(trace, trace.from)) return trace.from;
  if (trace.service || trace.dns) return undefined;
  return isPod(trace, trace.to) ? undefined : trace.to;
}

/** How the trace view lays out a trace: only the pods on the path, kube-proxy where it acts, the outside end. */
export function traceLayoutOptions(trace: Trace): LayoutOptions {
  const external = externalEnd(trace);
  const kubeProxy = kubeProxyNodes(trace);
  return {
    maxPodsPerNode: 0,
    focus: focusPods(trace),
    ...(external === undefined ? {} : { external }),
    ...(kubeProxy.length ? { kubeProxy } : {}),
  };
}

function busY(layout: Layout, node: string): number {
  return (layout.nodes.find((n) => n.name === node) ?? layout.nodes[0])?.busY ?? 0;
}

function vethBox(boxes: Map<string, Box>, trace: Trace, hop: TraceHop): Box | undefined {
  const owner = trace.nodes.find((n) => n.name === hop.node)?.pods.find((p) => p.veth === hop.device);
  const key = owner?.key ?? (hop.netns !== 'root' ? hop.netns : undefined);
  return key === undefined ? undefined : boxes.get(boxId.veth(key));
}

function placeBox(boxes: Map<string, Box>, trace: Trace, hop: TraceHop): Box | undefined {
  const kubeProxy = isKubeProxyHop(hop) ? boxes.get(boxId.kubeProxy(hop.node)) : undefined;
  if (kubeProxy) return kubeProxy;
  switch (hop.place) {
    case 'pod-eth0':
      return boxes.get(boxId.podEth0(hop.netns));
    case 'veth':
      return vethBox(boxes, trace, hop) ?? boxes.get(boxId.bridge(hop.node));
    case 'bridge':
      return boxes.get(boxId.bridge(hop.node));
    case 'vtep':
      return boxes.get(boxId.vtep(hop.node)) ?? boxes.get(boxId.bridge(hop.node));
    case 'node-eth0':
      return boxes.get(boxId.nodeEth0(hop.node));
    default:
      return undefined;
  }
}

const portOf = (b: Box): Point => b.port ?? center(b);

/** The point on the bus between this hop's node and the neighbouring hop on another node. */
function underlayPoint(layout: Layout, boxes: Map<string, Box>, trace: Trace, i: number): HopPoint {
  const hop = trace.hops[i] as TraceHop;
  const eth0 = (n: string) => boxes.get(boxId.nodeEth0(n));
  const here = eth0(hop.node);
  const other = [trace.hops[i + 1], trace.hops[i - 1]].find((h) => h && h.node !== hop.node && eth0(h.node));
  const there = other ? eth0(other.node) : boxes.get(boxId.external);
  const y = busY(layout, hop.node);
  const x0 = here ? portOf(here).x : layout.trunkX;
  if (!there) return { x: x0, y, node: hop.node, bus: true };
  const otherY = other ? busY(layout, other.node) : busY(layout, layout.nodes[0]?.name ?? '');
  if (otherY !== y) return { x: layout.trunkX, y: (y + otherY) / 2, node: hop.node, bus: true };
  return { x: (x0 + portOf(there).x) / 2, y, node: hop.node, bus: true };
}

/**
 * The bridge is a long bar crossed by each pod's port column: a bridge hop sits in the column of
 * the nearest veth hop on the same node (the pod it comes from or goes to), else of the pod the
 * packet is for or from on this node, else below the uplink.
 */
function bridgePoint(boxes: Map<string, Box>, trace: Trace, i: number, bridge: Box): Point {
  const hop = trace.hops[i] as TraceHop;
  const near = trace.hops
    .map((h, j) => ({ h, j }))
    .filter(({ h }) => h.node === hop.node && h.place === 'veth')
    .sort((a, b) => Math.abs(a.j - i) - Math.abs(b.j - i))[0];
  const onNode = (key: string): Box | undefined => {
    const b = boxes.get(boxId.veth(key));
    return b?.node === hop.node ? b : undefined;
  };
  const column =
    (near ? vethBox(boxes, trace, near.h) : undefined) ??
    onNode(trace.to) ??
    onNode(trace.from) ??
    boxes.get(boxId.vtep(hop.node)) ??
    boxes.get(boxId.nodeEth0(hop.node));
  return { x: column ? portOf(column).x : center(bridge).x, y: center(bridge).y };
}

export function hopPoints(layout: Layout, trace: Trace): HopPoint[] {
  const boxes = boxIndex(layout);
  return trace.hops.map((hop, i): HopPoint => {
    if (hop.place === 'underlay') return underlayPoint(layout, boxes, trace, i);
    const bridge = boxes.get(boxId.bridge(hop.node));
    if (hop.place === 'bridge' && bridge && !isKubeProxyHop(hop))
      return { ...bridgePoint(boxes, trace, i, bridge), node: hop.node, bus: false };
    const box = placeBox(boxes, trace, hop);
    if (box?.kind === 'bridge') return { ...bridgePoint(boxes, trace, i, box), node: hop.node, bus: false };
    if (box) return { ...portOf(box), node: hop.node, bus: false };
    return { x: layout.trunkX, y: busY(layout, hop.node), node: hop.node, bus: true };
  });
}

/** Where a point joins the bus of its row. */
function busEntry(layout: Layout, p: HopPoint): Point {
  return p.bus ? { x: p.x, y: p.y } : { x: p.x, y: busY(layout, p.node) };
}

/** Half the distance between two rows of devices: a line there runs between labels, never on one. */
const ROW_GAP = 24;

/** Inside a node: straight along a port column; across columns, through the gap below or between rows. */
function withinNode(a: Point, b: Point): Point[] {
  if (a.x === b.x) return [a, b];
  const y = a.y === b.y ? a.y + ROW_GAP : (a.y + b.y) / 2;
  return [a, { x: a.x, y }, { x: b.x, y }, b];
}

/** The polyline from one hop's point to the next: within a node, or along the bus between nodes. */
export function routeBetween(layout: Layout, a: HopPoint, b: HopPoint): Point[] {
  if (a.node === b.node && !a.bus && !b.bus) return dedupe(withinNode(a, b));
  const ea = busEntry(layout, a);
  const eb = busEntry(layout, b);
  const across =
    ea.y === eb.y ? [ea, eb] : [ea, { x: layout.trunkX, y: ea.y }, { x: layout.trunkX, y: eb.y }, eb];
  return dedupe([a, ...across, b]);
}

function dedupe(points: Point[]): Point[] {
  return points
    .map(({ x, y }) => ({ x, y }))
    .filter((p, i, all) => i === 0 || p.x !== all[i - 1]?.x || p.y !== all[i - 1]?.y);
}

/** The point a fraction `t` (0..1) of the way along a polyline, by length. */
export function pointAlong(points: readonly Point[], t: number): Point {
  const first = points[0] ?? { x: 0, y: 0 };
  const segs = points.slice(1).map((p, i) => {
    const q = points[i] as Point;
    return { from: q, to: p, len: Math.hypot(p.x - q.x, p.y - q.y) };
  });
  const total = segs.reduce((n, s) => n + s.len, 0);
  let left = Math.min(Math.max(t, 0), 1) * total;
  for (const s of segs) {
    if (left <= s.len && s.len > 0) {
      const f = left / s.len;
      return { x: s.from.x + (s.to.x - s.from.x) * f, y: s.from.y + (s.to.y - s.from.y) * f };
    }
    left -= s.len;
  }
  return points[points.length - 1] ?? first;
}

/** The drawn box each hop sits on (null on the underlay or when the box is not drawn). */
export function hopBoxIds(layout: Layout, trace: Trace): (string | null)[] {
  const boxes = boxIndex(layout);
  return trace.hops.map((hop) =>
    hop.place === 'underlay' ? null : (placeBox(boxes, trace, hop)?.id ?? null),
  );
}
