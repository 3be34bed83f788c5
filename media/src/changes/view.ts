// The reachability changes view (pure): the summary against HEAD, the added and the removed groups
// of connections (labels, ports, reason) each with a trace button and buttons to the rules it names,
// the notes, and "not a git repository" plainly when nothing could be compared. Buttons carry
// indexes into the shown result, never its URIs: main.ts looks the link up.
import type { ChangeLink, ChangesResult } from '../../../server/src/protocol/requests';
import type { ChangesPort } from '../../../server/src/protocol/webview';
import { PROTOCOLS } from '../../../server/src/protocol/values';
import type { El } from '../shared/el';
import { cls, h } from '../shared/el';
import { intentOf, intentTitle } from './intent';

type Group = ChangesResult['groups'][number];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const portsText = (g: Group): string => g.ports.map((p) => `${p.protocol} ${p.port}`).join(', ');

/** `data/db-access ingress rule 1`, or the policy alone when the link is to the whole policy. */
export function linkText(l: ChangeLink): string {
  if (l.rule === undefined) return l.policy;
  return `${l.policy} ${l.direction ? `${l.direction} ` : ''}rule ${l.rule}`;
}

/** Whether a group names `policy` (a link to it or to one of its rules). */
export const namesPolicy = (g: Group, policy: string | undefined): boolean =>
  policy !== undefined && g.links.some((l) => l.policy === policy);

/** The groups of one kind with their index in `changes.groups` (the buttons refer to it). */
export function groupsOf(c: ChangesResult, kind: Group['change']): { group: Group; index: number }[] {
  return c.groups.flatMap((group, index) => (group.change === kind ? [{ group, index }] : []));
}

function groupRow(group: Group, index: number, focus: string | undefined): El {
  const [from, to] = [group.from[0], group.to[0]];
  const port = group.ports[0];
  const trace =
    from && to && port
      ? h(
          'button',
          {
            type: 'button',
            'data-action': 'trace',
            'data-group': index,
            title: `Trace ${from} → ${to} on ${port.protocol} ${port.port}`,
          },
          'Trace',
        )
      : null;
  const links = group.links.map((l, i) =>
    h(
      'button',
      { type: 'button', class: 'rule-link', 'data-action': 'open-link', 'data-group': index, 'data-link': i },
      linkText(l),
    ),
  );
  return h('li', { class: cls('change', group.change, namesPolicy(group, focus) && 'focus') }, [
    h('div', { class: 'change-head' }, [
      h('span', { class: 'sign' }, group.change === 'added' ? '+' : '−'),
      h('span', { class: 'pair' }, `${group.fromLabel} → ${group.toLabel}`),
      h('span', { class: 'meta' }, ` ${portsText(group)} · ${plural(group.connections, 'connection')}`),
    ]),
    h('p', { class: 'reason' }, group.reason),
    h('div', { class: 'actions' }, [trace, intentButton(group, index), ...links]),
  ]);
}

/** "Deny…" on a newly allowed group, "Allow…" on a newly removed one. */
function intentButton(group: Group, index: number): El | null {
  const intent = intentOf(group);
  if (!intent) return null;
  const attrs = { type: 'button', 'data-action': 'intent', 'data-group': index, title: intentTitle(intent) };
  return h('button', attrs, intent.action === 'deny' ? 'Deny…' : 'Allow…');
}

function section(c: ChangesResult, kind: Group['change'], focus: string | undefined): El | null {
  const groups = groupsOf(c, kind);
  if (!groups.length) return null;
  const title = kind === 'added' ? `Added (${c.added})` : `Removed (${c.removed})`;
  return h('section', { id: `${kind}-groups` }, [
    h('h2', {}, title),
    h(
      'ul',
      { class: 'changes-list' },
      groups.map(({ group, index }) => groupRow(group, index, focus)),
    ),
  ]);
}

/** The port choice: each destination's declared ports, or one port and protocol. */
function portChoice(port: ChangesPort | undefined): El {
  const option = (value: string, text: string, selected: boolean) =>
    h('option', { value, ...(selected ? { selected: '' } : {}) }, text);
  return h('div', { id: 'changes-ports', class: 'toolbar' }, [
    h('label', { for: 'changes-port-mode' }, 'Compare on '),
    h('select', { id: 'changes-port-mode' }, [
      option('declared', 'the ports each destination declares', !port),
      option('one', 'one port', !!port),
    ]),
    h('input', {
      id: 'changes-port',
      type: 'number',
      min: 1,
      max: 65535,
      value: port?.port ?? 80,
      'aria-label': 'port',
      ...(port ? {} : { disabled: '' }),
    }),
    h(
      'select',
      { id: 'changes-protocol', 'aria-label': 'protocol', ...(port ? {} : { disabled: '' }) },
      PROTOCOLS.map((p) => option(p, p, (port?.protocol ?? 'TCP') === p)),
    ),
    h('button', { type: 'button', id: 'changes-compare' }, 'Compare'),
  ]);
}

/** Which edited policy causes how many added and removed connections; each opens its YAML. */
function policyCounts(c: ChangesResult): El | null {
  if (!c.policies.length) return null;
  return h('section', { id: 'changes-policies' }, [
    h('h2', {}, 'By policy'),
    h(
      'ul',
      { class: 'policy-counts' },
      c.policies.map((p, i) =>
        h('li', {}, [
          h(
            'button',
            { type: 'button', class: 'rule-link', 'data-action': 'open-policy', 'data-policy': i },
            p.policy,
          ),
          h('span', { class: 'meta' }, ` +${p.added} −${p.removed}`),
        ]),
      ),
    ),
  ]);
}

/** `and 12 more groups (340 connections)`: what the list leaves out of a huge diff. */
function moreGroups(c: ChangesResult): El | null {
  if (c.moreGroups <= 0) return null;
  const shown = c.groups.reduce((n, g) => n + g.connections, 0);
  const rest = c.added + c.removed - shown;
  return h(
    'p',
    { id: 'more-groups', class: 'meta' },
    `and ${plural(c.moreGroups, 'more group')} (${plural(rest, 'connection')}) not listed`,
  );
}

function podsLine(c: ChangesResult): El | null {
  const parts = [
    c.pods.added.length ? `new pods: ${c.pods.added.join(', ')}` : '',
    c.pods.removed.length ? `pods gone: ${c.pods.removed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? h('p', { id: 'pods-changed', class: 'meta' }, parts.join(' · ')) : null;
}

/**
 * The server's message with the base it compared with: "… connections vs HEAD (3f2a1b0)" when the
 * message already ends in "vs HEAD" (not "vs HEAD (vs HEAD (3f2a1b0))"), else "… (vs base)".
 */
export function summaryText(c: ChangesResult): string {
  if (!c.available) return c.message;
  const head = /^HEAD \((.+)\)$/.exec(c.base);
  if (head && c.message.endsWith(' vs HEAD')) return `${c.message} (${head[1]})`;
  return `${c.message} (vs ${c.base})`;
}

/** The view; `focus` is a policy (`ns/name`) whose groups are highlighted; `port` the port compared. */
export function changesView(c: ChangesResult, focus?: string, port?: ChangesPort): El {
  const header = h('header', {}, [
    h('h1', {}, 'Reachability changes'),
    h('p', { id: 'changes-summary', class: 'meta' }, summaryText(c)),
  ]);
  // Nothing compared: the summary already says why, so notes it quotes are not listed again.
  const shown = c.available ? c.notes : c.notes.filter((n) => !c.message.includes(n));
  const notes = shown.length
    ? h(
        'ul',
        { id: 'changes-notes', class: 'meta' },
        shown.map((n) => h('li', {}, n)),
      )
    : null;
  if (!c.available) return h('div', { id: 'changes-view' }, [header, notes]);
  const empty = !c.groups.length && c.moreGroups === 0;
  return h('div', { id: 'changes-view' }, [
    header,
    portChoice(port),
    empty ? h('p', { id: 'no-changes' }, 'No connection changed since the last commit.') : null,
    policyCounts(c),
    section(c, 'added', focus),
    section(c, 'removed', focus),
    moreGroups(c),
    podsLine(c),
    notes,
    h('p', { id: 'notice', class: 'notice hidden', role: 'alert' }, ''),
  ]);
}
