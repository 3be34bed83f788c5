// Entry of the reachability changes webview: draws what the extension sends, scrolls to the groups
// of the policy the CodeLens named, and turns the row buttons into trace / open-rule requests.
import type { ChangesResult } from '../../../server/src/protocol/requests';
import type { RequestMethod, ParamsOf } from '../protocol';
import { byId, connect, mount } from '../shared/browser';
import { errorText } from '../shared/rpc';
import { intentOf } from './intent';
import { changesView } from './view';

const root = byId('app');
let shown: ChangesResult | null = null;

const bridge = connect<{ view: 'changes' }>(root, (message) => {
  if (message.type !== 'changes') return;
  shown = message.changes;
  mount(root, changesView(message.changes, message.policy));
  root.querySelector('.change.focus')?.scrollIntoView({ block: 'center' });
  bridge.saveState({ view: 'changes' });
});

function ask<M extends RequestMethod>(method: M, params: ParamsOf<M>): void {
  bridge.rpc.request(method, params).catch((err: unknown) => {
    const notice = byId('notice');
    notice.textContent = errorText(err);
    notice.classList.remove('hidden');
  });
}

root.addEventListener('click', (e) => {
  const button = (e.target as Element | null)?.closest<HTMLElement>('button[data-action]');
  const group = shown?.groups[Number(button?.dataset.group)];
  if (!button || !group) return;
  if (button.dataset.action === 'trace') {
    const [from, to, port] = [group.from[0], group.to[0], group.ports[0]];
    if (from && to && port) ask('openTrace', { from, to, port: port.port, protocol: port.protocol });
  } else if (button.dataset.action === 'intent') {
    const intent = intentOf(group);
    if (intent) ask('proposeIntent', intent);
  } else if (button.dataset.action === 'open-link') {
    const link = group.links[Number(button.dataset.link)];
    if (link) ask('openLocation', { uri: link.uri, ...link.range.start });
  }
});
