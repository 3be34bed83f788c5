// The topology diagram's geometry (pure): one box per node, in rows joined by the underlay bus;
// inside a node its pods grouped by namespace (namespaces and pods in the trace view's order), one
// row per pod (name and IP), then the node's devices with the trace view's names (cni0, flannel.1,
// eth0). Texts are layout labels, as in the trace diagram, so their size and overlaps are testable.
import type { Label, Rect } from '../diagram/geometry';
import { byPodKey, chipLabel, fitText, label, TEXT } from '../diagram/geometry';
import type { Box, DiagramNode, Layout, Wire } from '../diagram/model';
import { boxId, emptyLayout } from '../diagram/model';

const T = {
  margin: 24,
  pad: 12,
  nodeW: 300,
  nodeGap: 40,
  headerH: 52,
  groupHead: 28,
  rowH: 22,
  rowGap: 2,
  groupGap: 8,
  chipH: 24,
  chipGap: 8,
  busSpace: 56,
  busOffset: 26,
} as const;

/** How many nodes side by side fit a pane `width` px wide at `scale` (at least one). */
export function nodesPerRow(width: number, scale: number): number {
  return Math.max(1, Math.floor((width / scale - 2 * T.margin + T.nodeGap) / (T.nodeW + T.nodeGap)));
}

const namespaceOf = (key: string): string => key.slice(0, Math.max(0, key.indexOf('/')));
const nameOf = (key: string): string => key.slice(key.indexOf('/') + 1);

interface Part {
  boxes: Box[];
  labels: Label[];
}

function podRow(node: string, pod: DiagramNode['pods'][number], x: number, y: number, w: number): Part {
  const box: Box = {
    id: boxId.pod(pod.key),
    kind: 'pod-row',
    node,
    pod: pod.key,
    x,
    y,
    w,
    h: T.rowH,
    label: pod.key,
    detail: pod.ip,
  };
  const ipW = pod.ip.length * TEXT['chip-text'].charW;
  const room = w - ipW - 24;
  const base = y + T.rowH / 2 + 4;
  return {
    boxes: [box],
    labels: [
      label(box.id, fitText(nameOf(pod.key), room, 'chip-text', 'middle'), x + 8, base, 'chip-text'),
      label(box.id, pod.ip, x + w - 8, base, 'detail', 'end'),
    ],
  };
}

function namespaceGroup(
  node: string,
  ns: string,
  pods: DiagramNode['pods'],
  x: number,
  y: number,
  w: number,
): Part {
  const h = T.groupHead + pods.length * (T.rowH + T.rowGap) + 4;
  const group: Box = {
    id: `group:${node}:${ns}`,
    kind: 'group',
    node,
    x,
    y,
    w,
    h,
    label: `${ns} (${pods.length} pods)`,
  };
  const count = `${pods.length} pod${pods.length === 1 ? '' : 's'}`;
  const countW = count.length * TEXT.detail.charW;
  const out: Part = {
    boxes: [group],
    labels: [
      label(group.id, fitText(ns || '(no namespace)', w - countW - 28, 'title'), x + 8, y + 19, 'title'),
      label(group.id, count, x + w - 8, y + 19, 'detail', 'end'),
    ],
  };
  pods.forEach((pod, i) => {
    const row = podRow(node, pod, x + 6, y + T.groupHead + i * (T.rowH + T.rowGap), w - 12);
    out.boxes.push(...row.boxes);
    out.labels.push(...row.labels);
  });
  return out;
}

function deviceChips(node: DiagramNode, x: number, y: number): Part {
  const devices: [Box['kind'], string, string, string][] = [
    ['bridge', boxId.bridge(node.name), node.bridge.name, node.bridge.ip],
    ...(node.vtep
      ? [
          ['vtep', boxId.vtep(node.name), node.vtep.name, node.vtep.ip] as [
            Box['kind'],
            string,
            string,
            string,
          ],
        ]
      : []),
    ['node-eth0', boxId.nodeEth0(node.name), 'eth0', node.ip],
  ];
  const w = T.nodeW - 2 * T.pad;
  const out: Part = { boxes: [], labels: [] };
  devices.forEach(([kind, id, name, ip], i) => {
    const box: Box = {
      id,
      kind,
      node: node.name,
      x,
      y: y + i * (T.chipH + T.chipGap),
      w,
      h: T.chipH,
      label: name,
      detail: ip,
    };
    out.boxes.push(box);
    out.labels.push(chipLabel(id, `${name} ${ip}`, x + 10, box, 'start'));
  });
  return out;
}

/** A node's box at (x, y): header, namespace groups, devices. */
function placeNode(node: DiagramNode, x: number, y: number): Part & { rect: Rect; eth0: Box } {
  const inner = T.nodeW - 2 * T.pad;
  const pods = [...node.pods].sort(byPodKey);
  const namespaces = [...new Set(pods.map((p) => namespaceOf(p.key)))];
  const out: Part = { boxes: [], labels: [] };
  let top = y + T.headerH;
  for (const ns of namespaces) {
    const group = namespaceGroup(
      node.name,
      ns,
      pods.filter((p) => namespaceOf(p.key) === ns),
      x + T.pad,
      top,
      inner,
    );
    out.boxes.push(...group.boxes);
    out.labels.push(...group.labels);
    top += (group.boxes[0]?.h ?? 0) + T.groupGap;
  }
  const chips = deviceChips(node, x + T.pad, top + 4);
  const bottom = Math.max(...chips.boxes.map((b) => b.y + b.h)) + T.pad;
  const rect = { x, y, w: T.nodeW, h: bottom - y };
  const frame: Box = {
    id: boxId.node(node.name),
    kind: 'node',
    node: node.name,
    ...rect,
    label: node.name,
    detail: `${node.ip} · ${node.podCIDR}`,
  };
  return {
    rect,
    eth0: chips.boxes[chips.boxes.length - 1] as Box,
    boxes: [frame, ...out.boxes, ...chips.boxes],
    labels: [
      label(frame.id, fitText(node.name, T.nodeW - 20, 'node-title'), x + 10, y + 22, 'node-title'),
      label(frame.id, fitText(frame.detail ?? '', T.nodeW - 20, 'detail'), x + 10, y + 40, 'detail'),
      ...out.labels,
      ...chips.labels,
    ],
  };
}

/** Lays the nodes out `perRow` to a row; each row's bus runs under its tallest node. */
export function topologyLayout(nodes: readonly DiagramNode[], perRow: number): Layout {
  const per = Math.max(1, perRow);
  const layout = emptyLayout(T.margin / 2);
  let top = T.margin;
  const buses: { y: number; xs: number[] }[] = [];
  for (let start = 0, row = 0; start < Math.max(1, nodes.length); start += per, row++) {
    const placed = nodes
      .slice(start, start + per)
      .map((n, i) => ({ n, p: placeNode(n, T.margin + i * (T.nodeW + T.nodeGap), top) }));
    const busY = top + Math.max(0, ...placed.map(({ p }) => p.rect.h)) + T.busOffset;
    const xs: number[] = [];
    for (const { n, p } of placed) {
      layout.boxes.push(...p.boxes);
      layout.labels.push(...p.labels);
      const x = p.eth0.x + p.eth0.w / 2;
      layout.wires.push({
        id: `wire:${n.name}:underlay`,
        kind: 'link',
        points: [
          { x, y: p.eth0.y + p.eth0.h },
          { x, y: busY },
        ],
      });
      layout.nodes.push({ name: n.name, rect: p.rect, row, busY, hiddenPods: 0 });
      xs.push(x);
    }
    buses.push({ y: busY, xs });
    top = busY + T.busSpace;
  }
  addBuses(layout, buses);
  layout.width = Math.max(T.margin, ...layout.boxes.map((b) => b.x + b.w)) + T.margin;
  layout.height = top - T.busSpace + T.margin + 8;
  return layout;
}

function addBuses(layout: Layout, buses: { y: number; xs: number[] }[]): void {
  const multi = buses.length > 1;
  const wires: Wire[] = buses
    .filter((b) => b.xs.length > 0)
    .map((b, row) => {
      const left = multi ? layout.trunkX : Math.min(...b.xs) - 40;
      return {
        id: `wire:underlay:${row}`,
        kind: 'underlay',
        points: [
          { x: left, y: b.y },
          { x: Math.max(...b.xs) + 40, y: b.y },
        ],
      };
    });
  layout.wires.push(...wires);
  if (multi) {
    const ys = buses.map((b) => b.y);
    layout.wires.push({
      id: 'wire:underlay:trunk',
      kind: 'trunk',
      points: [
        { x: layout.trunkX, y: Math.min(...ys) },
        { x: layout.trunkX, y: Math.max(...ys) },
      ],
    });
  }
}
