// Entry of the topology webview: draws what the extension sends; policy buttons open the YAML.
import { byId, connect, mount, openPolicy } from '../shared/browser';
import { topologyView } from './view';

const root = byId('app');
const bridge = connect<{ view: 'topology' }>(root, (message) => {
  if (message.type !== 'topology') return;
  mount(root, topologyView(message.topology));
  bridge.saveState({ view: 'topology' });
});

root.addEventListener('click', (e) => {
  const button = (e.target as Element | null)?.closest<HTMLElement>('[data-action="open-policy"]');
  const policy = button?.dataset.policy;
  if (policy) openPolicy(bridge.rpc, policy);
});
