// The trace diagram's geometry, computed from the nodes and pods alone (pure and deterministic):
// each node a box holding its pods above its root netns (nodeBox.ts); nodes in rows, each row's eth0s
// joined by an underlay bus, rows joined by a trunk on the left. Pods beyond `maxPodsPerNode` are
// folded into a "+N pods" box, except the ones in `focus` (the pods a trace passes through), which
// always stay visible.
//
// Every text the SVG draws is a `Label` placed here, so tests can check what covers it. Devices a
// packet visits have a `port` at their left end, outside their label: the packet, the drop marker
// and the path lines stay in those port columns and in the gaps between rows, never on a label.
import { fitText, label } from './geometry';
import type { Box, DiagramNode, DiagramPod, Layout } from './model';
import { PORT, boxId, emptyLayout } from './model';
import { G, nodeWidth, placeNode } from './nodeBox';

// The trace view and the tests take the model from here, with the layout that produces it.
export * from './model';

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
