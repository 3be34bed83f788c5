// One node of the trace diagram, placed in its rectangle (pure): its pods (pause container, netns,
// eth0) above its root netns (veths, the bridge, flannel.1 when present, kube-proxy when a trace
// goes through it, eth0), with the wires between them. layout.ts arranges the nodes in rows.
import type { Label, Point, Rect } from './geometry';
import { chipLabel, fitText, label } from './geometry';
import type { Box, DiagramNode, DiagramPod, Wire } from './model';
import { PORT, boxId } from './model';

/** The diagram's fixed measures, in px (at zoom 1). */
export const G = {
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

export function nodeWidth(shown: number, hidden: number, kubeProxy: boolean): number {
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

export function placeNode(
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
