// Rewritten rules keep the comments of what survives of them: on a peer, on a port, between items,
// the comment before a list's first item while that item stays (exact output, LF and CRLF files).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import type { IntentResult, Proposal } from '../../../../server/src/engine/intent';
import { proposeConnection, proposeTightening } from '../../../../server/src/engine/intent';
import { Workspace } from '../../../../server/src/engine/workspace';
import { endpoint, fixtures } from './workspaces';

const COMMENTED = 'test/fixtures/intent/commented.yaml';
const OPEN = 'test/fixtures/intent/commented-open.yaml';

function proposal(r: IntentResult): Proposal {
  if (!r.ok) assert.fail(r.reason);
  return r.proposal;
}

function edited(ws: Workspace, p: Proposal, file: string): string {
  const f = p.files.find((x) => x.file === file);
  assert.ok(f, `${file} is not edited`);
  return applyEdits(ws.summary(file)!.text, f.edits);
}

const HEAD = (name: string) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  podSelector:',
    '    matchLabels:',
    '      app: api',
    '  ingress:',
  ].join('\n');

const SPLIT = [
  "# api takes the storefront and the operators on the app's ports; comments on every part of the rule.",
  HEAD('api'),
  '    # the one rule',
  '    - from:',
  '        # the storefront, canary included',
  '        - podSelector:',
  '            matchLabels:',
  '              app: web # every track',
  '        # operators',
  '        - podSelector: {matchLabels: {app: admin}}',
  '      ports:',
  "        # the app's ports",
  '        - port: 8000 # the app',
  '          endPort: 8079',
  '        - port: 8081',
  '          endPort: 8999',
  '        # metrics',
  '        - port: 9100 # scraped',
  '    - from:',
  '        # the storefront, canary included',
  '        - podSelector:',
  '            matchLabels:',
  '              app: web # every track',
  '      ports:',
  "        # the app's ports",
  '        - port: 8000 # the app',
  '          endPort: 8999',
  '        # metrics',
  '        - port: 9100 # scraped',
  '',
].join('\n');

for (const eol of ['\n', '\r\n'])
  void test(`deny splitting a range and leaving out a peer keeps the comments of what stays (${JSON.stringify(eol)})`, () => {
    const ws = fixtures('workloads.yaml');
    ws.setFile({
      path: COMMENTED,
      text: fixtures('commented.yaml').summary(COMMENTED)!.text.replace(/\n/g, eol),
    });
    const p = proposal(
      proposeConnection(ws, {
        action: 'deny',
        from: endpoint(ws, 'shop/admin'),
        to: endpoint(ws, 'shop/api'),
        port: 8080,
      }),
    );
    assert.deepEqual(p.steps, [
      'ingress rule 1 of shop/api: keep everything but deploy/shop/admin on TCP 8080',
    ]);
    assert.equal(edited(ws, p, COMMENTED), SPLIT.replace(/\n/g, eol));
    assert.deepEqual(p.proof.other, { added: [], removed: [] });
  });

for (const eol of ['\n', '\r\n'])
  void test(`deny narrowing a peer keeps the comments before it and after its selector; the first peer goes with its comment (${JSON.stringify(eol)})`, () => {
    const ws = fixtures('workloads.yaml');
    ws.setFile({ path: OPEN, text: fixtures('commented-open.yaml').summary(OPEN)!.text.replace(/\n/g, eol) });
    const p = proposal(
      proposeConnection(ws, {
        action: 'deny',
        from: endpoint(ws, 'shop/admin'),
        to: endpoint(ws, 'shop/api'),
      }),
    );
    const expected = [
      '# api takes every pod of shop on every port; comments on the peers.',
      HEAD('api-open'),
      '    - from:',
      '        # everyone in shop',
      '        - podSelector: # canary included',
      '            matchExpressions:',
      '              - key: app',
      '                operator: NotIn',
      '                values:',
      '                  - admin',
      '',
    ]
      .join('\n')
      .replace(/\n/g, eol);
    assert.equal(edited(ws, p, OPEN), expected);
  });

void test('tighten adds the ports beside the commented peers, which stay as written', () => {
  const ws = fixtures('workloads.yaml', 'commented-open.yaml');
  const p = proposal(proposeTightening(ws, { namespace: 'shop', name: 'api-open' }));
  const before = ws.summary(OPEN)!.text;
  assert.equal(edited(ws, p, OPEN), before + '      ports:\n        - port: 8080\n');
});

const RANGE = (port: string, endPort: string) =>
  [
    HEAD('api-range'),
    '    - from:',
    '        - podSelector: {matchLabels: {app: admin}}',
    '      ports:',
    `        - port: ${port} # http`,
    `          endPort: ${endPort} # the last one`,
    '',
  ].join('\n');

for (const eol of ['\n', '\r\n'])
  void test(`a range whose first port is denied keeps the comments after its port and endPort (${JSON.stringify(eol)})`, () => {
    const ws = fixtures('workloads.yaml');
    const file = 'test/fixtures/intent/range.yaml';
    ws.setFile({ path: file, text: RANGE('80', '90').replace(/\n/g, eol) });
    const p = proposal(
      proposeConnection(ws, {
        action: 'deny',
        from: endpoint(ws, 'shop/admin'),
        to: endpoint(ws, 'shop/api'),
        port: 80,
      }),
    );
    assert.equal(edited(ws, p, file), RANGE('81', '90').replace(/\n/g, eol));
    assert.deepEqual(p.proof.other, { added: [], removed: [] });
  });
