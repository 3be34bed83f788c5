// The diagram's geometry, computed from the nodes and pods alone (pure and deterministic): each node
// a box holding its pods (pause container, netns, eth0) above its root netns (veths, the bridge,
// flannel.1 when present, eth0); nodes in rows, each row's eth0s joined by an underlay bus, rows
// joined by a trunk on the left. Pods beyond `maxPodsPerNode` are folded into a "+N pods" box,
// except the ones in `focus` (the pods a trace passes through), which always stay visible.

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

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

export interface LayoutOptions {
  /** Pod keys that must stay visible. */
  focus?: readonly string[];
  maxPodsPerNode?: number;
  maxNodesPerRow?: number;
  /** An address outside the cluster the diagram must show (a trace to an IP). */
  external?: string;
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
  | 'more'
  | 'external';

export interface Box extends Rect {
  id: string;
  kind: BoxKind;
  node: string;
  pod?: string;
  label: string;
  detail?: string;
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
  nodes: NodeLayout[];
  /** x of the trunk joining the rows' buses. */
  trunkX: number;
}

/** The diagram's fixed measures, in px. */
const G = {
  margin: 28,
  pad: 14,
  nodeGap: 44,
  nodeMinW: 340,
  nodeH: 356,
  busSpace: 72,
  busOffset: 32,
  podTop: 48,
  podW: 156,
  podH: 100,
  podGap: 14,
  moreW: 84,
  externalW: 140,
} as const;

export const boxId = {
  node: (n: string) => `node:${n}`,
  rootns: (n: string) => `node:${n}:rootns`,
  bridge: (n: string) => `node:${n}:bridge`,
  vtep: (n: string) => `node:${n}:vtep`,
  nodeEth0: (n: string) => `node:${n}:eth0`,
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

/** The pods drawn for a node: all of them, or the focused ones plus the first others up to the limit. */
export function visiblePods(
  pods: readonly DiagramPod[],
  focus: ReadonlySet<string>,
  max: number,
): { shown: DiagramPod[]; hidden: number } {
  if (pods.length <= max) return { shown: [...pods], hidden: 0 };
  const focused = pods.filter((p) => focus.has(p.key)).length;
  let room = Math.max(0, max - focused);
  const shown = pods.filter((p) => focus.has(p.key) || room-- > 0);
  return { shown, hidden: pods.length - shown.length };
}

function nodeWidth(shown: number, hidden: number): number {
  const pods = shown * G.podW + Math.max(0, shown - 1) * G.podGap;
  const more = hidden > 0 ? (shown > 0 ? G.podGap : 0) + G.moreW : 0;
  return Math.max(G.nodeMinW, pods + more + 2 * G.pad);
}

function podBoxes(node: string, pod: DiagramPod, x: number, top: number): Box[] {
  const y = top + G.podTop;
  const k = pod.key;
  const base = { node, pod: k };
  const vethW = 116;
  return [
    { ...base, id: boxId.pod(k), kind: 'pod', x, y, w: G.podW, h: G.podH, label: k },
    {
      ...base,
      id: boxId.pause(k),
      kind: 'pause',
      x: x + 8,
      y: y + 28,
      w: 64,
      h: 22,
      label: 'pause',
      ...(pod.sandbox ? { detail: pod.sandbox } : {}),
    },
    {
      ...base,
      id: boxId.netns(k),
      kind: 'netns',
      x: x + 80,
      y: y + 28,
      w: G.podW - 88,
      h: 22,
      label: 'netns',
    },
    {
      ...base,
      id: boxId.podEth0(k),
      kind: 'pod-eth0',
      x: x + 8,
      y: y + 66,
      w: G.podW - 16,
      h: 24,
      label: 'eth0',
      detail: pod.ip,
    },
    {
      ...base,
      id: boxId.veth(k),
      kind: 'veth',
      x: x + (G.podW - vethW) / 2,
      y: top + 176,
      w: vethW,
      h: 22,
      label: pod.veth ?? 'veth',
    },
  ];
}

function rootBoxes(node: DiagramNode, r: Rect): Box[] {
  const n = node.name;
  const boxes: Box[] = [
    { id: boxId.node(n), kind: 'node', node: n, ...r, label: n, detail: `${node.ip} · ${node.podCIDR}` },
    {
      id: boxId.rootns(n),
      kind: 'rootns',
      node: n,
      x: r.x + 6,
      y: r.y + 160,
      w: r.w - 12,
      h: r.h - 166,
      label: 'root netns',
    },
    {
      id: boxId.bridge(n),
      kind: 'bridge',
      node: n,
      x: r.x + G.pad,
      y: r.y + 222,
      w: r.w - 2 * G.pad,
      h: 24,
      label: node.bridge.name,
      detail: node.bridge.ip,
    },
    {
      id: boxId.nodeEth0(n),
      kind: 'node-eth0',
      node: n,
      x: r.x + (r.w - 176) / 2,
      y: r.y + 318,
      w: 176,
      h: 24,
      label: 'eth0',
      detail: node.ip,
    },
  ];
  if (node.vtep) {
    boxes.push({
      id: boxId.vtep(n),
      kind: 'vtep',
      node: n,
      x: r.x + r.w - G.pad - 160,
      y: r.y + 270,
      w: 160,
      h: 24,
      label: node.vtep.name,
      detail: node.vtep.ip,
    });
  }
  return boxes;
}

function verticalWire(id: string, kind: Wire['kind'], from: Rect, to: Rect): Wire {
  const x = from.x + from.w / 2;
  return {
    id,
    kind,
    points: [
      { x, y: from.y + from.h },
      { x, y: to.y },
    ],
  };
}

/** flannel.1 down to eth0: straight when eth0 lies below it, else down and across to eth0's side. */
function vtepToEth0(node: string, vtep: Box, eth0: Box): Wire {
  const x = vtep.x + vtep.w / 2;
  const top = { x, y: vtep.y + vtep.h };
  const inside = x >= eth0.x && x <= eth0.x + eth0.w;
  const points = inside
    ? [top, { x, y: eth0.y }]
    : [top, { x, y: eth0.y + eth0.h / 2 }, { x: eth0.x + eth0.w, y: eth0.y + eth0.h / 2 }];
  return { id: `wire:${node}:vtep-eth0`, kind: 'link', points };
}

interface Placed {
  boxes: Box[];
  wires: Wire[];
  eth0: Point;
}

function placeNode(node: DiagramNode, r: Rect, shown: readonly DiagramPod[], hidden: number): Placed {
  const boxes = rootBoxes(node, r);
  const wires: Wire[] = [];
  const bridge = boxes.find((b) => b.kind === 'bridge') as Box;
  shown.forEach((pod, i) => {
    const pb = podBoxes(node.name, pod, r.x + G.pad + i * (G.podW + G.podGap), r.y);
    boxes.push(...pb);
    const [eth0, veth] = [pb[3] as Box, pb[4] as Box];
    wires.push(verticalWire(`wire:${pod.key}:pair`, 'veth-pair', eth0, veth));
    wires.push(verticalWire(`wire:${pod.key}:bridge`, 'link', veth, bridge));
  });
  if (hidden > 0) {
    const x = r.x + G.pad + shown.length * (G.podW + G.podGap);
    boxes.push({
      id: boxId.more(node.name),
      kind: 'more',
      node: node.name,
      x,
      y: r.y + G.podTop,
      w: G.moreW,
      h: G.podH,
      label: `+${hidden} pods`,
    });
  }
  const eth0 = boxes.find((b) => b.kind === 'node-eth0') as Box;
  const vtep = boxes.find((b) => b.kind === 'vtep');
  // The bridge's uplink goes down to flannel.1 (and from there to eth0) with VXLAN, else to eth0.
  const below = vtep ?? eth0;
  const x = below.x + below.w / 2;
  wires.push({
    id: `wire:${node.name}:uplink`,
    kind: 'link',
    points: [
      { x, y: bridge.y + bridge.h },
      { x, y: below.y },
    ],
  });
  if (vtep) wires.push(vtepToEth0(node.name, vtep, eth0));
  return { boxes, wires, eth0: { x: eth0.x + eth0.w / 2, y: eth0.y + eth0.h } };
}

/** Lays out nodes (in the given order) with their pods. Same input, same output. */
export function layoutDiagram(nodes: readonly DiagramNode[], options: LayoutOptions = {}): Layout {
  const focus = new Set(options.focus ?? []);
  const max = Math.max(1, options.maxPodsPerNode ?? 4);
  const perRow = Math.max(1, options.maxNodesPerRow ?? 4);
  const rowCount = Math.max(1, Math.ceil(nodes.length / perRow));
  const layout: Layout = { width: 0, height: 0, boxes: [], wires: [], nodes: [], trunkX: G.margin / 2 };
  const busXs: number[][] = Array.from({ length: rowCount }, () => []);
  nodes.forEach((node, i) => {
    const row = Math.floor(i / perRow);
    const prev = layout.nodes[i - 1];
    const x = i % perRow === 0 || !prev ? G.margin : prev.rect.x + prev.rect.w + G.nodeGap;
    const { shown, hidden } = visiblePods(node.pods, focus, max);
    const rect = { x, y: rowTop(row), w: nodeWidth(shown.length, hidden), h: G.nodeH };
    const placed = placeNode(node, rect, shown, hidden);
    const busY = busYOfRow(row);
    layout.boxes.push(...placed.boxes);
    layout.wires.push(...placed.wires, {
      id: `wire:${node.name}:underlay`,
      kind: 'link',
      points: [placed.eth0, { x: placed.eth0.x, y: busY }],
    });
    layout.nodes.push({ name: node.name, rect, row, busY, hiddenPods: hidden });
    busXs[row]?.push(placed.eth0.x);
  });
  addExternal(layout, options.external, busXs);
  addBuses(layout, busXs, rowCount);
  layout.width = Math.max(...layout.boxes.map((b) => b.x + b.w), G.margin) + G.margin;
  layout.height = rowTop(rowCount);
  return layout;
}

function rowTop(row: number): number {
  return G.margin + row * (G.nodeH + G.busSpace);
}

function busYOfRow(row: number): number {
  return rowTop(row) + G.nodeH + G.busOffset;
}

function addExternal(layout: Layout, external: string | undefined, busXs: number[][]): void {
  if (external === undefined) return;
  const row0 = layout.nodes.filter((n) => n.row === 0);
  const right = Math.max(G.margin, ...row0.map((n) => n.rect.x + n.rect.w));
  const x = right + G.nodeGap;
  const busY = busYOfRow(0);
  layout.boxes.push({
    id: boxId.external,
    kind: 'external',
    node: '',
    x,
    y: busY - 60,
    w: G.externalW,
    h: 28,
    label: external,
    detail: 'outside the cluster',
  });
  layout.wires.push({
    id: 'wire:external',
    kind: 'link',
    points: [
      { x: x + G.externalW / 2, y: busY - 32 },
      { x: x + G.externalW / 2, y: busY },
    ],
  });
  busXs[0]?.push(x + G.externalW / 2);
}

function addBuses(layout: Layout, busXs: number[][], rowCount: number): void {
  const multi = rowCount > 1;
  busXs.forEach((xs, row) => {
    const y = busYOfRow(row);
    const left = multi ? layout.trunkX : Math.min(...xs, G.margin + 40) - 40;
    const right = Math.max(...xs, left + 80) + 40;
    layout.wires.push({
      id: `wire:underlay:${row}`,
      kind: 'underlay',
      points: [
        { x: left, y },
        { x: right, y },
      ],
    });
  });
  if (multi) {
    const points = [busYOfRow(0), busYOfRow(rowCount - 1)].map((y) => ({ x: layout.trunkX, y }));
    layout.wires.push({ id: 'wire:underlay:trunk', kind: 'trunk', points });
  }
}

export function boxIndex(layout: Layout): Map<string, Box> {
  return new Map(layout.boxes.map((b) => [b.id, b]));
}
