// The trace diagram's geometry, computed from the nodes and pods alone (pure and deterministic):
// each node a box holding its pods (pause container, netns, eth0) above its root netns (veths, the
// bridge, flannel.1 when present, eth0); nodes in rows, each row's eth0s joined by an underlay bus,
// rows joined by a trunk on the left. Pods beyond `maxPodsPerNode` are folded into a "+N pods" box,
// except the ones in `focus` (the pods a trace passes through), which always stay visible.
//
// Every text the SVG draws is a `Label` placed here, so tests can check what covers it. Devices a
// packet visits have a `port` at their left end, outside their label: the packet, the drop marker
// and the path lines stay in those port columns and in the gaps between rows, never on a label.
import type { Label, Point, Rect } from './geometry';
import { chipLabel, fitText, label } from './geometry';

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

export interface LayoutOptions {
  /** Pod keys that must stay visible. */
  focus?: readonly string[];
  maxPodsPerNode?: number;
  maxNodesPerRow?: number;
  /** An address outside the cluster the diagram must show (a trace to an IP, a client of a nodePort). */
  external?: string;
  /** Nodes whose kube-proxy (its iptables rules in the root netns) a trace goes through. */
  kubeProxy?: readonly string[];
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

/** The diagram's fixed measures, in px (at zoom 1). */
const G = {
  margin: 24,
  pad: 12,
  nodeGap: 40,
  nodeMinW: 296,
  nodeH: 366,
  busSpace: 64,
  busOffset: 26,
  podTop: 50,
  podW: 208,
  podH: 104,
  podGap: 12,
  moreW: 56,
  rightW: 176,
  externalW: 180,
  /** A node drawing kube-proxy is at least this wide: its chip sits left of flannel.1 and eth0. */
  kubeProxyNodeW: 400,
  chipH: 24,
  /** Chip rows of the root netns (tops, from the node's top). */
  vethY: 174,
  bridgeY: 222,
  vtepY: 270,
  eth0Y: 318,
} as const;

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

function nodeWidth(shown: number, hidden: number, kubeProxy: boolean): number {
  const pods = shown * G.podW + Math.max(0, shown - 1) * G.podGap;
  const more = hidden > 0 ? (shown > 0 ? G.podGap : 0) + G.moreW : 0;
  return Math.max(kubeProxy ? G.kubeProxyNodeW : G.nodeMinW, pods + more + 2 * G.pad);
}

/**
 * kube-proxy's chip, on flannel.1's row left of it: its port in the first pod's column (x + 20 + 12),
 * so the packet climbs straight from it to the first pod's veth.
 */
function kubeProxyParts(n: string, r: Rect, rightX: number): { box: Box; label: Label } {
  const x = r.x + G.pad + 8;
  return portChip(
    {
      id: boxId.kubeProxy(n),
      kind: 'kube-proxy',
      node: n,
      x,
      y: r.y + G.vtepY,
      w: rightX - G.pad - x,
      h: G.chipH,
      label: 'kube-proxy',
      detail: 'iptables rules: KUBE-SERVICES, KUBE-NODEPORTS, KUBE-SVC/SEP',
    },
    'kube-proxy iptables',
  );
}

/** A chip a packet can visit: port on the left, its text after it. */
function portChip(base: Omit<Box, 'port'>, text: string): { box: Box; label: Label } {
  const box: Box = { ...base, port: { x: base.x + PORT.x, y: base.y + base.h / 2 } };
  return { box, label: chipLabel(base.id, text, base.x + PORT.labelX, base, 'start') };
}

/** `storefront/web-5hw8b` → name, then namespace (both shortened to the pod's width). */
function podTitle(id: string, key: string, x: number, y: number): Label[] {
  const slash = key.indexOf('/');
  const [ns, name] = slash < 0 ? ['', key] : [key.slice(0, slash), key.slice(slash + 1)];
  const w = G.podW - 16;
  const out = [label(id, fitText(name, w, 'title', 'middle'), x + 8, y + 18, 'title')];
  if (ns) out.push(label(id, fitText(ns, w, 'detail'), x + 8, y + 34, 'detail'));
  return out;
}

function podParts(node: string, pod: DiagramPod, x: number, top: number): { boxes: Box[]; labels: Label[] } {
  const y = top + G.podTop;
  const k = pod.key;
  const base = { node, pod: k };
  const podBox: Box = { ...base, id: boxId.pod(k), kind: 'pod', x, y, w: G.podW, h: G.podH, label: k };
  const pause: Box = {
    ...base,
    id: boxId.pause(k),
    kind: 'pause',
    x: x + 8,
    y: y + 44,
    w: 70,
    h: 22,
    label: 'pause',
    ...(pod.sandbox ? { detail: pod.sandbox } : {}),
  };
  const netns: Box = {
    ...base,
    id: boxId.netns(k),
    kind: 'netns',
    x: x + 86,
    y: y + 44,
    w: 70,
    h: 22,
    label: 'netns',
  };
  const chipW = G.podW - 16;
  const eth0 = portChip(
    {
      ...base,
      id: boxId.podEth0(k),
      kind: 'pod-eth0',
      x: x + 8,
      y: y + 74,
      w: chipW,
      h: G.chipH,
      label: 'eth0',
      detail: pod.ip,
    },
    `eth0 ${pod.ip}`,
  );
  const vethName = pod.veth ?? 'veth';
  const veth = portChip(
    {
      ...base,
      id: boxId.veth(k),
      kind: 'veth',
      x: x + 8,
      y: top + G.vethY,
      w: chipW,
      h: G.chipH,
      label: vethName,
    },
    vethName,
  );
  return {
    boxes: [podBox, pause, netns, eth0.box, veth.box],
    labels: [
      ...podTitle(podBox.id, k, x, y),
      chipLabel(pause.id, 'pause', pause.x + pause.w / 2, pause, 'middle'),
      chipLabel(netns.id, 'netns', netns.x + netns.w / 2, netns, 'middle'),
      eth0.label,
      veth.label,
    ],
  };
}

function rootParts(node: DiagramNode, r: Rect, kubeProxy: boolean): { boxes: Box[]; labels: Label[] } {
  const n = node.name;
  const frame: Box = {
    id: boxId.node(n),
    kind: 'node',
    node: n,
    ...r,
    label: n,
    detail: `${node.ip} · ${node.podCIDR}`,
  };
  const rootns: Box = {
    id: boxId.rootns(n),
    kind: 'rootns',
    node: n,
    x: r.x + 6,
    y: r.y + 162,
    w: r.w - 12,
    h: r.h - 168,
    label: 'root netns',
  };
  const bridge: Box = {
    id: boxId.bridge(n),
    kind: 'bridge',
    node: n,
    x: r.x + G.pad,
    y: r.y + G.bridgeY,
    w: r.w - 2 * G.pad,
    h: G.chipH,
    label: node.bridge.name,
    detail: node.bridge.ip,
  };
  const rightX = r.x + r.w - G.pad - G.rightW;
  const eth0 = portChip(
    {
      id: boxId.nodeEth0(n),
      kind: 'node-eth0',
      node: n,
      x: rightX,
      y: r.y + G.eth0Y,
      w: G.rightW,
      h: G.chipH,
      label: 'eth0',
      detail: node.ip,
    },
    `eth0 ${node.ip}`,
  );
  // The bridge's label lines up with flannel.1's and eth0's, right of the uplink and of every pod's column.
  const bridgeTextX = rightX + PORT.labelX;
  const boxes = [frame, rootns, bridge, eth0.box];
  const labels = [
    label(frame.id, fitText(n, r.w - 20, 'node-title'), r.x + 10, r.y + 20, 'node-title'),
    label(frame.id, fitText(frame.detail ?? '', r.w - 20, 'detail'), r.x + 10, r.y + 38, 'detail'),
    label(rootns.id, 'root netns', rootns.x + 8, rootns.y + rootns.h - 10, 'caption'),
    chipLabel(bridge.id, `${node.bridge.name} ${node.bridge.ip}`, bridgeTextX, bridge, 'start'),
    eth0.label,
  ];
  if (node.vtep) {
    const vtep = portChip(
      {
        id: boxId.vtep(n),
        kind: 'vtep',
        node: n,
        x: rightX,
        y: r.y + G.vtepY,
        w: G.rightW,
        h: G.chipH,
        label: node.vtep.name,
        detail: node.vtep.ip,
      },
      `${node.vtep.name} ${node.vtep.ip}`,
    );
    boxes.push(vtep.box);
    labels.push(vtep.label);
  }
  if (kubeProxy) {
    const chip = kubeProxyParts(n, r, rightX);
    boxes.push(chip.box);
    labels.push(chip.label);
  }
  return { boxes, labels };
}

/** A vertical wire from the bottom of one box to the top of another, at x. */
function down(id: string, kind: Wire['kind'], x: number, from: Rect, to: Rect): Wire {
  return {
    id,
    kind,
    points: [
      { x, y: from.y + from.h },
      { x, y: to.y },
    ],
  };
}

interface Placed {
  boxes: Box[];
  wires: Wire[];
  labels: Label[];
  eth0: Point;
}

function placeNode(
  node: DiagramNode,
  r: Rect,
  pods: { shown: readonly DiagramPod[]; hidden: number },
  kubeProxy: boolean,
): Placed {
  const { shown, hidden } = pods;
  const podX = (i: number): number => r.x + G.pad + i * (G.podW + G.podGap);
  const root = rootParts(node, r, kubeProxy);
  const boxes = [...root.boxes];
  const labels = [...root.labels];
  const wires: Wire[] = [];
  const bridge = boxes.find((b) => b.kind === 'bridge') as Box;
  shown.forEach((pod, i) => {
    const parts = podParts(node.name, pod, podX(i), r.y);
    boxes.push(...parts.boxes);
    labels.push(...parts.labels);
    const [eth0, veth] = [parts.boxes[3] as Box, parts.boxes[4] as Box];
    const x = eth0.port?.x ?? eth0.x;
    wires.push(down(`wire:${pod.key}:pair`, 'veth-pair', x, eth0, veth));
    wires.push(down(`wire:${pod.key}:bridge`, 'link', x, veth, bridge));
  });
  if (hidden > 0) {
    const more: Box = {
      id: boxId.more(node.name),
      kind: 'more',
      node: node.name,
      x: podX(shown.length),
      y: r.y + G.podTop,
      w: G.moreW,
      h: G.podH,
      label: `+${hidden} pods`,
    };
    boxes.push(more);
    const mid = more.x + more.w / 2;
    labels.push(
      label(
        more.id,
        fitText(`+${hidden}`, more.w - 8, 'title'),
        mid,
        more.y + more.h / 2 - 2,
        'title',
        'middle',
      ),
      label(more.id, hidden === 1 ? 'pod' : 'pods', mid, more.y + more.h / 2 + 14, 'detail', 'middle'),
    );
  }
  const eth0 = boxes.find((b) => b.kind === 'node-eth0') as Box;
  const vtep = boxes.find((b) => b.kind === 'vtep');
  const x = eth0.port?.x ?? eth0.x;
  // The bridge's uplink goes down to flannel.1 (and from there to eth0) with VXLAN, else to eth0.
  wires.push(down(`wire:${node.name}:uplink`, 'link', x, bridge, vtep ?? eth0));
  if (vtep) wires.push(down(`wire:${node.name}:vtep-eth0`, 'link', x, vtep, eth0));
  return { boxes, wires, labels, eth0: { x, y: eth0.y + eth0.h } };
}

/** A layout with nothing placed yet; the trunk (the underlay's vertical line) at `trunkX`. */
export function emptyLayout(trunkX: number): Layout {
  return { width: 0, height: 0, boxes: [], wires: [], labels: [], nodes: [], trunkX };
}

/** Lays out nodes (in the given order) with their pods. Same input, same output. */
export function layoutDiagram(nodes: readonly DiagramNode[], options: LayoutOptions = {}): Layout {
  const focus = new Set(options.focus ?? []);
  const kubeProxy = new Set(options.kubeProxy ?? []);
  const max = Math.max(0, options.maxPodsPerNode ?? 4);
  const perRow = Math.max(1, options.maxNodesPerRow ?? 4);
  const rowCount = Math.max(1, Math.ceil(nodes.length / perRow));
  const layout = emptyLayout(G.margin / 2);
  const busXs: number[][] = Array.from({ length: rowCount }, () => []);
  nodes.forEach((node, i) => {
    const row = Math.floor(i / perRow);
    const prev = layout.nodes[i - 1];
    const x = i % perRow === 0 || !prev ? G.margin : prev.rect.x + prev.rect.w + G.nodeGap;
    const pods = visiblePods(node.pods, focus, max);
    const proxy = kubeProxy.has(node.name);
    const rect = { x, y: rowTop(row), w: nodeWidth(pods.shown.length, pods.hidden, proxy), h: G.nodeH };
    const placed = placeNode(node, rect, pods, proxy);
    const busY = busYOfRow(row);
    layout.boxes.push(...placed.boxes);
    layout.labels.push(...placed.labels);
    layout.wires.push(...placed.wires, {
      id: `wire:${node.name}:underlay`,
      kind: 'link',
      points: [placed.eth0, { x: placed.eth0.x, y: busY }],
    });
    layout.nodes.push({ name: node.name, rect, row, busY, hiddenPods: pods.hidden });
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
  const box: Box = {
    id: boxId.external,
    kind: 'external',
    node: '',
    x,
    y: busY - 84,
    w: G.externalW,
    h: 44,
    label: external,
    detail: 'outside the cluster',
  };
  box.port = { x: x + PORT.x, y: box.y + box.h / 2 };
  layout.boxes.push(box);
  const textW = G.externalW - PORT.labelX - 6;
  layout.labels.push(
    label(box.id, fitText(external, textW, 'chip-text'), x + PORT.labelX, box.y + 18, 'chip-text'),
    label(box.id, 'outside the cluster', x + PORT.labelX, box.y + 35, 'detail'),
  );
  layout.wires.push({
    id: 'wire:external',
    kind: 'link',
    points: [
      { x: box.port.x, y: box.y + box.h },
      { x: box.port.x, y: busY },
    ],
  });
  busXs[0]?.push(box.port.x);
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
