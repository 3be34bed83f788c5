// Workload names (workloadRefs.ts): kubectl kinds and short names, a pod before a workload of the same
// name, ambiguity across kinds, and the first replica by name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainCell } from '../../../server/src/engine/matrix';
import { podKey } from '../../../server/src/engine/model';
import type { Topology } from '../../../server/src/engine/model';
import { lookupPodOrWorkload, parseKindRef, workloadsOf } from '../../../server/src/engine/workloadRefs';
import { Workspace } from '../../../server/src/engine/workspace';

const workload = (kind: string, name: string, replicas?: number) =>
  [
    `apiVersion: apps/v1`,
    `kind: ${kind}`,
    `metadata: {name: ${name}, namespace: shop}`,
    `spec:`,
    ...(replicas === undefined ? [] : [`  replicas: ${replicas}`]),
    `  selector: {matchLabels: {app: ${name}}}`,
    `  template:`,
    `    metadata: {labels: {app: ${name}}}`,
    `    spec: {containers: [{name: main, image: x}]}`,
  ].join('\n');

function topology(): Topology {
  const ws = new Workspace();
  const docs = [
    workload('Deployment', 'api', 3),
    workload('StatefulSet', 'db', 2),
    workload('Deployment', 'db', 1),
    workload('DaemonSet', 'agent'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: api, namespace: shop}\nspec: {containers: [{name: main, image: x}]}',
  ];
  ws.setFile({ path: 'w.yaml', text: docs.join('\n---\n') + '\n' });
  return ws.topology();
}

const t = topology();
const lookup = (ref: string) => {
  const r = lookupPodOrWorkload(t, ref);
  return 'error' in r ? r : { pod: podKey(r.pod), workload: r.workload?.workload ?? null };
};

void describe('workload names', () => {
  void test('kinds by kubectl names, case-insensitive; only three-part names with a known kind', () => {
    assert.deepEqual(parseKindRef('deploy/shop/api'), { kind: 'Deployment', key: 'shop/api' });
    assert.deepEqual(parseKindRef('StatefulSets/shop/db'), { kind: 'StatefulSet', key: 'shop/db' });
    assert.deepEqual(parseKindRef('cj/ops/report'), { kind: 'CronJob', key: 'ops/report' });
    assert.equal(parseKindRef('svc/shop/api'), undefined);
    assert.equal(parseKindRef('shop/api'), undefined);
    assert.equal(parseKindRef('deploy//api'), undefined);
  });

  void test('every workload with its pods sorted by name, and a short ref', () => {
    assert.deepEqual(
      workloadsOf(t).map((w) => [w.ref, w.pods.length]),
      [
        ['ds/shop/agent', 2],
        ['deploy/shop/api', 3],
        ['deploy/shop/db', 1],
        ['sts/shop/db', 2],
      ],
    );
    for (const w of workloadsOf(t)) assert.deepEqual(w.pods.map(podKey), w.pods.map(podKey).sort());
  });

  void test('a pod named like a workload wins for a plain name; the kind picks the workload', () => {
    assert.deepEqual(lookup('shop/api'), { pod: 'shop/api', workload: null });
    const first = workloadsOf(t).find((w) => w.ref === 'deploy/shop/api')!.pods[0]!;
    assert.deepEqual(lookup('deploy/shop/api'), { pod: podKey(first), workload: 'deploy/shop/api' });
    assert.deepEqual(lookup('sts/shop/db'), { pod: 'shop/db-0', workload: 'sts/shop/db' });
  });

  void test('two workloads of one name: ambiguous, listing both by kind; unknown: no candidate', () => {
    assert.deepEqual(lookup('shop/db'), {
      error: 'ambiguous',
      candidates: ['deploy/shop/db', 'sts/shop/db'],
    });
    assert.deepEqual(lookup('deploy/shop/nope'), { error: 'unknown', candidates: [] });
    assert.deepEqual(lookup('pod/shop/nope'), { error: 'unknown', candidates: [] });
  });

  void test('a matrix cell takes workload names too, explained for their first replicas', () => {
    const first = workloadsOf(t).find((w) => w.ref === 'deploy/shop/api')!.pods[0]!;
    const cell = explainCell(t, 'deploy/shop/api', 'sts/shop/db', 80, 'TCP');
    assert.equal(cell?.allowed, true);
    assert.match(
      cell?.explanation.at(-1) ?? '',
      new RegExp(`^${podKey(first)} → shop/db-0 on TCP 80 is allowed`),
    );
    assert.equal(explainCell(t, 'deploy/shop/nope', 'shop/api', 80, 'TCP'), undefined);
  });
});

void describe('workloads that run no pod', () => {
  const job = (name: string, parallelism: number) =>
    [
      'apiVersion: batch/v1',
      'kind: Job',
      `metadata: {name: ${name}, namespace: ops}`,
      'spec:',
      `  parallelism: ${parallelism}`,
      '  template: {metadata: {labels: {app: job}}, spec: {containers: [{name: main, image: x}]}}',
    ].join('\n');
  const pinned = [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata: {name: agent, namespace: ops}',
    'spec:',
    '  selector: {matchLabels: {app: agent}}',
    '  template:',
    '    metadata: {labels: {app: agent}}',
    '    spec: {nodeSelector: {gpu: "yes"}, containers: [{name: main, image: x}]}',
  ].join('\n');
  const ws = new Workspace();
  const docs = [
    workload('Deployment', 'api', 2),
    workload('Deployment', 'idle', 0),
    job('report', 0),
    pinned,
  ];
  ws.setFile({ path: 'w.yaml', text: docs.join('\n---\n') + '\n' });
  const idle = ws.topology();
  const find = (ref: string) => lookupPodOrWorkload(idle, ref);

  void test('are listed with the reason, and are not among the workloads with pods', () => {
    assert.deepEqual(idle.idleWorkloads, [
      { kind: 'DaemonSet', namespace: 'ops', name: 'agent', reason: 'matches no node' },
      { kind: 'Job', namespace: 'ops', name: 'report', reason: 'has parallelism 0' },
      { kind: 'Deployment', namespace: 'shop', name: 'idle', reason: 'has 0 replicas' },
    ]);
    assert.deepEqual(
      workloadsOf(idle).map((w) => w.ref),
      ['deploy/shop/api'],
    );
  });

  const cases: [string, string][] = [
    ['deploy/shop/idle', 'deploy/shop/idle has 0 replicas: no pod to trace'],
    ['shop/idle', 'deploy/shop/idle has 0 replicas: no pod to trace'],
    ['idle', 'deploy/shop/idle has 0 replicas: no pod to trace'],
    ['job/ops/report', 'job/ops/report has parallelism 0: no pod to trace'],
    ['ds/ops/agent', 'ds/ops/agent matches no node: no pod to trace'],
  ];
  for (const [ref, message] of cases) {
    void test(`${ref}: "${message}", not "unknown"`, () => {
      assert.deepEqual(find(ref), { error: 'idle', candidates: [], message });
    });
  }

  void test('another kind of that name is still unknown; a matrix cell of one has no answer', () => {
    assert.deepEqual(find('sts/shop/idle'), { error: 'unknown', candidates: [] });
    assert.equal(explainCell(idle, 'deploy/shop/idle', 'deploy/shop/api', 80, 'TCP'), undefined);
  });
});
