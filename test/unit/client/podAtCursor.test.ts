import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  documentSpans,
  objectAt,
  objectAtOffset,
  podAtOffset,
  serviceAtOffset,
  workloadAtOffset,
} from '../../../client/src/podAtCursor';

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
