// Entry of the topology webview: draws what the extension sends, with as many nodes side by side as
// the pane shows at a readable size (redrawn when a resize changes that); policy buttons open the YAML.
import type { TopologyResult } from '../../../server/src/protocol/requests';
import { READABLE_SCALE } from '../diagram/camera';
import { DiagramZoom } from '../diagram/zoom';
import { byId, connect, mount, openPolicy } from '../shared/browser';
import { nodesPerRow } from './layout';
import { topologyView } from './view';

const root = byId('app');
let shown: { topology: TopologyResult; perRow: number; zoom: DiagramZoom } | null = null;

const perRowNow = (): number => nodesPerRow(Math.max(200, root.clientWidth - 2), READABLE_SCALE);

function draw(topology: TopologyResult): void {
  shown?.zoom.dispose();
  const perRow = perRowNow();
  mount(root, topologyView(topology, perRow));
  const pane = byId('diagram-pane');
  const size = { w: Number(pane.dataset.width), h: Number(pane.dataset.height) };
  shown = {
    topology,
    perRow,
    zoom: new DiagramZoom(pane, byId('diagram') as unknown as SVGSVGElement, size),
  };
}

const bridge = connect<{ view: 'topology' }>(root, (message) => {
  if (message.type !== 'topology') return;
  draw(message.topology);
  bridge.saveState({ view: 'topology' });
});

window.addEventListener('resize', () => {
  if (shown && perRowNow() !== shown.perRow) draw(shown.topology);
});

root.addEventListener('click', (e) => {
  const button = (e.target as Element | null)?.closest<HTMLElement>('[data-action="open-policy"]');
  const policy = button?.dataset.policy;
  if (policy) openPolicy(bridge.rpc, policy);
});
