// Entry of the reachability changes webview: draws what the extension sends, scrolls to the groups
// of the policy the CodeLens named, and turns the row buttons into trace / open-rule requests.
import type { ChangesResult } from '../../../server/src/protocol/requests';
import type { RequestMethod, ParamsOf } from '../../../server/src/protocol/webview';
import { isPortNumber, PORT_MAX, protocolFromText } from '../../../server/src/protocol/values';
import { byId, connect, mount } from '../shared/browser';
import { errorText } from '../shared/rpc';
import { intentOf } from './intent';
import { changesView } from './view';

const root = byId('app');
let shown: ChangesResult | null = null;

const bridge = connect<{ view: 'changes' }>(root, (message) => {
  if (message.type !== 'changes') return;
  shown = message.changes;
  mount(root, changesView(message.changes, message.policy, message.port));
  root.querySelector('.change.focus')?.scrollIntoView({ block: 'center' });
  bridge.saveState({ view: 'changes' });
});

function say(text: string): void {
  const notice = byId('notice');
  notice.textContent = text;
  notice.classList.remove('hidden');
}

function ask<M extends RequestMethod>(method: M, params: ParamsOf<M>): void {
  bridge.rpc.request(method, params).catch((err: unknown) => say(errorText(err)));
}

/** The port choice: declared ports, or the one port and protocol typed. */
function comparePorts(): void {
  const value = (id: string) => root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value;
  if (value('changes-port-mode') !== 'one') return ask('changesPort', {});
  const port = Number(value('changes-port'));
  const protocol = protocolFromText(value('changes-protocol') ?? '') ?? 'TCP';
  if (!isPortNumber(port)) return say(`A port is a number from 1 to ${PORT_MAX}.`);
  ask('changesPort', { port, protocol });
}

root.addEventListener('change', (e) => {
  const select = e.target as HTMLSelectElement | null;
  if (select?.id !== 'changes-port-mode') return;
  const one = select.value === 'one';
  for (const id of ['changes-port', 'changes-protocol'])
    root.querySelector<HTMLInputElement>(`#${id}`)?.toggleAttribute('disabled', !one);
});

root.addEventListener('click', (e) => {
  if ((e.target as Element | null)?.closest('#changes-compare')) return comparePorts();
  const button = (e.target as Element | null)?.closest<HTMLElement>('button[data-action]');
  if (button?.dataset.action === 'open-policy') {
    const p = shown?.policies[Number(button.dataset.policy)];
    if (p) ask('openLocation', { uri: p.uri, ...p.range.start });
    return;
  }
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
