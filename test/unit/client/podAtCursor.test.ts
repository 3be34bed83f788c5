import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown, explainMarkdown, explainPath } from '../../../client/src/explain/explainMarkdown';
import { policyLocation } from '../../../client/src/locations';
import {
  documentSpans,
  objectAt,
  objectAtOffset,
  podAtOffset,
  serviceAtOffset,
  workloadAtOffset,
} from '../../../client/src/podAtCursor';
import type { TopologyResult } from '../../../server/src/protocol/requests';

const t: TopologyResult = {
  nodes: [
    { name: 'node-1', ip: '192.168.56.11', podCIDR: '10.244.0.0/24', synthesized: false },
    { name: 'node-2', ip: '192.168.56.12', podCIDR: '10.244.1.0/24', synthesized: false },
  ],
  pods: ['web', 'backend', 'db'].map((n) => ({
    key: `default/${n}`,
    namespace: 'default',
    name: n,
    node: 'node-1',
    ip: '10.244.0.2',
    labels: {},
    ports: [],
  })),
  policies: [
    { key: 'default/backend-access-ingress', file: 'file:///w/samples/seed-policies-fixed.yaml', line: 2 },
    { key: 'default/db-access-ingress', file: '/w/samples/seed-policies-fixed.yaml', line: 18 },
    { key: 'default/win', file: 'C:\\w\\p.yaml', line: -3 },
  ],
  backend: 'vxlan',
  network: '10.244.0.0/16',
  enforcement: true,
};

void describe('policyLocation', () => {
  void it('tells URIs from paths and keeps the 0-based line', () => {
    assert.deepEqual(policyLocation(t, 'default/backend-access-ingress'), {
      file: 'file:///w/samples/seed-policies-fixed.yaml',
      isUri: true,
      line: 2,
    });
    assert.deepEqual(policyLocation(t, 'default/db-access-ingress'), {
      file: '/w/samples/seed-policies-fixed.yaml',
      isUri: false,
      line: 18,
    });
    assert.deepEqual(policyLocation(t, 'default/win'), { file: 'C:\\w\\p.yaml', isUri: false, line: 0 });
    assert.equal(policyLocation(t, 'default/gone'), undefined);
  });
});

void describe('podAtOffset', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: p',
    '---',
    'kind: Pod',
    'metadata:',
    '  name: db',
    '  namespace: data',
    '',
  ].join('\n');
  const at = (needle: string) => text.indexOf(needle);

  void it('finds the Pod whose document holds the cursor, with its namespace', () => {
    assert.equal(podAtOffset(text, at('name: web')), 'default/web');
    assert.equal(podAtOffset(text, 0), 'default/web');
    assert.equal(podAtOffset(text, at('name: db')), 'data/db');
  });

  void it('names the kind of any object with a name', () => {
    assert.deepEqual(objectAtOffset(text, at('name: p')), { kind: 'NetworkPolicy', key: 'default/p' });
    assert.equal(objectAtOffset('kind: Pod\n', 0), undefined);
  });

  void it('answers every offset from one parse of the text', () => {
    const spans = documentSpans(text);
    assert.equal(spans.length, 3);
    for (let offset = 0; offset <= text.length; offset++)
      assert.deepEqual(objectAt(spans, offset), objectAtOffset(text, offset), `offset ${offset}`);
    assert.deepEqual(objectAt(spans, at('name: db')), { kind: 'Pod', key: 'data/db' });
  });

  void it('is undefined elsewhere or on broken input', () => {
    assert.equal(podAtOffset(text, at('name: p')), undefined);
    assert.equal(podAtOffset('kind: Pod\nmetadata: {}\n', 3), undefined);
    assert.equal(podAtOffset('kind: Pod\nmetadata:\n  name: [unclosed\n', 3), undefined);
    assert.equal(podAtOffset('', 0), undefined);
  });
});

void describe('workloadAtOffset', () => {
  const text = [
    'kind: Deployment',
    'metadata: {name: web, namespace: storefront}',
    '---',
    'kind: StatefulSet',
    'metadata: {name: db}',
    '---',
    'kind: CronJob',
    'metadata: {name: report, namespace: ops}',
    '---',
    'kind: Service',
    'metadata: {name: web}',
    '---',
    'kind: Pod',
    'metadata: {name: p}',
    '',
  ].join('\n');
  const at = (needle: string) => text.indexOf(needle);

  void it('names the workload at the cursor as the trace accepts it (kubectl short kind)', () => {
    assert.equal(workloadAtOffset(text, at('name: web, namespace')), 'deploy/storefront/web');
    assert.equal(workloadAtOffset(text, at('name: db')), 'sts/default/db');
    assert.equal(workloadAtOffset(text, at('name: report')), 'cronjob/ops/report');
  });

  void it('is undefined on a Service, a Pod, or nothing', () => {
    assert.equal(workloadAtOffset(text, at('kind: Service')), undefined);
    assert.equal(workloadAtOffset(text, at('name: p}')), undefined);
    assert.equal(workloadAtOffset('', 0), undefined);
  });

  void it('names the Service at the cursor by its DNS name (the trace looks it up first)', () => {
    assert.equal(serviceAtOffset(text, at('kind: Service')), 'web.default');
    assert.equal(serviceAtOffset(text, at('name: db')), undefined);
    assert.equal(serviceAtOffset('', 0), undefined);
  });
});

void describe('explanation markdown', () => {
  void it('renders the policy, summary and details', () => {
    const md = explainMarkdown({
      policy: 'default/db',
      summary: 'Isolates db for ingress.',
      details: ['Allows backend on any port'],
    });
    assert.equal(
      md,
      '# NetworkPolicy default/db\n\nIsolates db for ingress\\.\n\n- Allows backend on any port\n',
    );
  });

  void it('links to the line where the policy starts, by its path in the workspace folder', () => {
    const result = { policy: 'data/postgres', summary: 'Isolates postgres.', details: [] };
    const source = { label: 'my policies/data.yaml', line: 18 };
    assert.equal(
      explainMarkdown(result, { ...source, rootPath: '/my policies/data.yaml' }),
      '# NetworkPolicy data/postgres\n\nDefined in [my policies/data\\.yaml, line 19](/my%20policies/data.yaml#L19)\n\nIsolates postgres\\.\n\n',
    );
    assert.match(explainMarkdown(result, source), /\nDefined in my policies\/data\\\.yaml, line 19\n/);
  });

  void it('escapes markup from workspace strings', () => {
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    assert.equal(escapeMarkdown('a\nb'), 'a b');
  });

  void it('names the virtual document after the policy with safe characters', () => {
    assert.equal(explainPath('default/db-access-ingress'), '/default/db-access-ingress.md');
    assert.equal(explainPath('x/<y>?#'), '/x/_y___.md');
  });
});
