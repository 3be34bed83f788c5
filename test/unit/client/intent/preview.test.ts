// The preview rows of an intent proposal: intended groups first, then every other change (or the
// explicit "none"), the wider-selector warning, and the choices (apply, the narrower selector and
// back, each file's diff).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupRow, previewRows } from '../../../../client/src/intent/previewItems';
import type { IntentProposal, PreviewGroup } from '../../../../server/src/protocol/requests';

const group = (change: 'added' | 'removed', intended: boolean, from: string, to: string): PreviewGroup => ({
  change,
  intended,
  from: [from],
  to: [to],
  fromLabel: from,
  toLabel: to,
  ports: [{ protocol: 'TCP', port: 8080 }],
  causes: [],
  reason: `now allowed by ${to} ingress rule 1`,
  connections: 1,
});

const proposal = (groups: PreviewGroup[], widened: string[] = []): IntentProposal => ({
  title: 'Allow a/web → a/api on TCP 8080',
  steps: ['add a/web to ingress rule 1 of a/api'],
  edit: { changes: {} },
  files: [{ uri: 'file:///w/policies.yaml', text: '' }],
  intended: [{ from: 'a/web', to: 'a/api', port: 8080, protocol: 'TCP' }],
  groups,
  other: groups.filter((g) => !g.intended).length,
  ports: [{ protocol: 'TCP', port: 8080 }],
  widened,
});

const name = (uri: string) => uri.replace('file:///w/', '');
const rows = (...args: Parameters<typeof previewRows>) =>
  previewRows(...args).map((r) => [r.section ?? '', r.label, r.description ?? '', r.action.kind]);
/** A group's row: the change on its ports, the reason, and the pair on the line below. */
const groupRowOf = (section: string, change: string, to: string) => [
  section,
  `${change} on TCP 8080: 1 connection`,
  `now allowed by ${to} ingress rule 1`,
  'info',
];

void test('an exact proposal: the intended change, "none" for the rest, then apply and the diff', () => {
  assert.deepEqual(rows({ shown: proposal([group('added', true, 'a/web', 'a/api')]) }, name), [
    groupRowOf('Intended change', '$(add) now allowed', 'a/api'),
    [
      'Every other change',
      '$(pass) None: no other connection changes',
      'every pair of pods compared on 1 port',
      'info',
    ],
    ['Choose', '$(check) Apply', 'edits policies.yaml (undo with Undo)', 'apply'],
    ['', '$(diff) Show the changes of policies.yaml', '', 'diff'],
  ]);
});

void test('a wider selector: the other changes listed, the warning, and the narrower choice', () => {
  const wide = proposal(
    [group('added', true, 'a/web', 'a/api'), group('added', false, 'a/web-canary', 'a/api')],
    ['a/web-canary'],
  );
  const narrow = proposal([group('added', true, 'a/web', 'a/api')]);
  assert.deepEqual(rows({ shown: wide, alternative: { proposal: narrow, narrower: true } }, name), [
    groupRowOf('Intended change', '$(add) now allowed', 'a/api'),
    groupRowOf('Every other change', '$(add) now allowed', 'a/api'),
    ['Wider than asked', '$(warning) The labels chosen also select 1 other pod', '', 'info'],
    ['Choose', '$(check) Apply', 'edits policies.yaml (undo with Undo)', 'apply'],
    ['', '$(filter) Preview the narrower selector instead', 'exactly what was asked', 'switch'],
    ['', '$(diff) Show the changes of policies.yaml', '', 'diff'],
  ]);
  const back = rows({ shown: narrow, alternative: { proposal: wide, narrower: false } }, name);
  assert.deepEqual(back[3], [
    '',
    "$(arrow-left) Back to the workload's selector",
    '1 other pod also selected',
    'switch',
  ]);
});

void test('a group row: the change on its ports, the reason beside it, the pair on the line below', () => {
  const g = {
    ...group('removed', false, 'a/web', 'a/api'),
    connections: 6,
    fromLabel: '3 pods of deploy/a/web',
  };
  g.ports = [
    { protocol: 'TCP', port: 8080 },
    { protocol: 'UDP', port: 53 },
  ];
  assert.deepEqual(groupRow(g), {
    label: '$(remove) now denied on TCP 8080, UDP 53: 6 connections',
    description: 'now allowed by a/api ingress rule 1',
    detail: '3 pods of deploy/a/web → a/api',
    action: { kind: 'info' },
  });
});

void test('an isolation: what it cuts is the intended change, nothing else', () => {
  const cut = group('removed', false, 'a/web', 'a/api');
  const p = { ...proposal([cut]), intended: [] };
  assert.deepEqual(rows({ shown: p, isolation: true }, name).slice(0, 2), [
    [
      'Intended change',
      '$(remove) now denied on TCP 8080: 1 connection',
      'now allowed by a/api ingress rule 1',
      'info',
    ],
    [
      'Every other change',
      '$(pass) None: no other connection changes',
      'every pair of pods compared on 1 port',
      'info',
    ],
  ]);
  assert.equal(rows({ shown: p }, name)[0]?.[1], 'No connection between pods changes');
});

void test('an isolation keeping ticked connections: a "Kept as ticked" group after the cut, one row per pair', () => {
  const cut = group('removed', false, 'a/web', 'a/api');
  const p = { ...proposal([cut]), intended: [] };
  const kafka = { from: 'd/kafka-1', to: 'd/kafka-2', port: 9092, protocol: 'TCP' as const };
  const kept = [
    {
      label: 'deploy/d/kafka → deploy/d/kafka',
      description: '',
      ports: 'TCP 9092',
      connections: [kafka, kafka],
    },
  ];
  const all = previewRows({ shown: p, isolation: true, kept }, name);
  assert.deepEqual(all.slice(1, 3), [
    {
      section: 'Kept as ticked',
      label: '$(pass) still allowed on TCP 9092: 2 connections',
      detail: 'deploy/d/kafka → deploy/d/kafka',
      action: { kind: 'info' },
    },
    {
      section: 'Every other change',
      label: '$(pass) None: no other connection changes',
      description: 'every pair of pods compared on 1 port',
      action: { kind: 'info' },
    },
  ]);
});
