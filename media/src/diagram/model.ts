// What a diagram is made of (pure types and lookups, shared by the trace diagram and the topology):
// the nodes and pods it is drawn from, the boxes, wires and labels a layout places, and the ids
// that name each box so views and tests can find the device a packet visits.
import type { Label, Point, Rect } from './geometry';

export type { Label, Point, Rect } from './geometry';

export interface DiagramPod {
  key: string;
  ip: string;
  /** Host-side veth name, when known. */
  veth?: string;
  /** Sandbox (pause) container id, when known. */
  sandbox?: string;
}

export interface DiagramNode {
  name: string;
  ip: string;
  podCIDR: string;
  bridge: { name: string; ip: string };
  /** flannel.1; null with host-gw. */
  vtep: { name: string; ip: string } | null;
  pods: readonly DiagramPod[];
}

export type BoxKind =
  | 'node'
  | 'rootns'
  | 'pod'
  | 'pause'
  | 'netns'
  | 'pod-eth0'
  | 'veth'
  | 'bridge'
  | 'vtep'
  | 'node-eth0'
  /** kube-proxy's iptables rules in a node's root netns, where a Service's address is rewritten. */
  | 'kube-proxy'
  | 'more'
  | 'external'
  /** Topology view: a namespace's pods on one node, and one pod's row in it. */
  | 'group'
  | 'pod-row';

export interface Box extends Rect {
  id: string;
  kind: BoxKind;
  node: string;
  pod?: string;
  /** The full name, for the tooltip (the drawn label may be shortened). */
  label: string;
  detail?: string;
  /** Where a packet sits on this device, left of its label. */
  port?: Point;
}

export interface Wire {
  id: string;
  kind: 'veth-pair' | 'link' | 'underlay' | 'trunk';
  points: Point[];
}

export interface NodeLayout {
  name: string;
  rect: Rect;
  row: number;
  busY: number;
  hiddenPods: number;
}

export interface Layout {
  width: number;
  height: number;
  boxes: Box[];
  wires: Wire[];
  labels: Label[];
  nodes: NodeLayout[];
  /** x of the trunk joining the rows' buses. */
  trunkX: number;
}

/** From a chip's left edge to its port (the packet's spot) and to its label. */
export const PORT = { x: 12, labelX: 28 } as const;

export const boxId = {
  node: (n: string) => `node:${n}`,
  rootns: (n: string) => `node:${n}:rootns`,
  bridge: (n: string) => `node:${n}:bridge`,
  vtep: (n: string) => `node:${n}:vtep`,
  nodeEth0: (n: string) => `node:${n}:eth0`,
  kubeProxy: (n: string) => `node:${n}:kube-proxy`,
  more: (n: string) => `node:${n}:more`,
  pod: (k: string) => `pod:${k}`,
  pause: (k: string) => `pod:${k}:pause`,
  netns: (k: string) => `pod:${k}:netns`,
  podEth0: (k: string) => `pod:${k}:eth0`,
  veth: (k: string) => `pod:${k}:veth`,
  external: 'external',
};

export function center(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

/** A layout with nothing placed yet; the trunk (the underlay's vertical line) at `trunkX`. */
export function emptyLayout(trunkX: number): Layout {
  return { width: 0, height: 0, boxes: [], wires: [], labels: [], nodes: [], trunkX };
}

export function boxIndex(layout: Layout): Map<string, Box> {
  return new Map(layout.boxes.map((b) => [b.id, b]));
}
