// The rows of the "connections to keep" pick of Isolate Namespace: one per pair of workloads, the
// ports it is cut on and how many pod pairs, sorted by source then destination.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutGroups } from '../../../../client/src/intent/cutGroups';
import type { IntentConnection, TopologyResult } from '../../../../server/src/protocol/requests';

const pod = (key: string, ports: number[] = []) => ({
  key,
  namespace: key.split('/')[0]!,
  name: key.split('/')[1]!,
  node: 'n1',
  ip: '10.0.0.1',
  labels: {},
  ports: ports.map((port) => ({ port, protocol: 'TCP' as const })),
});

const topology: TopologyResult = {
  pods: [
    pod('data/kafka-1', [9092]),
    pod('data/kafka-2', [9092]),
    pod('data/solo', [5432]),
    pod('dns/core-1'),
  ],
  workloads: [
    {
      ref: 'deploy/data/kafka',
      kind: 'Deployment',
      namespace: 'data',
      name: 'kafka',
      pods: ['data/kafka-1', 'data/kafka-2'],
    },
    { ref: 'deploy/dns/core', kind: 'Deployment', namespace: 'dns', name: 'core', pods: ['dns/core-1'] },
  ],
} as unknown as TopologyResult;

const c = (from: string, to: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): IntentConnection => ({
  from,
  to,
  port,
  protocol,
});

const rows = (cut: IntentConnection[]) =>
  cutGroups(cut, topology).map((g) => {
    assert.ok(g.description.startsWith(`${g.ports} · `), 'the ports alone, as the description starts');
    return [g.label, g.description, g.connections.length];
  });

void test('one row per pair of workloads, sorted, a pod without a workload by its key', () => {
  assert.deepEqual(
    rows([
      c('data/kafka-1', 'dns/core-1', 6379),
      c('data/kafka-1', 'data/kafka-2', 9092),
      c('data/kafka-2', 'data/kafka-1', 9092),
      c('data/kafka-2', 'dns/core-1', 53, 'UDP'),
      c('data/kafka-1', 'data/solo', 5432),
      c('data/solo', 'dns/core-1', 6379),
    ]),
    [
      ['data/solo → deploy/dns/core', 'TCP 6379 · 1 connection', 1],
      ['deploy/data/kafka → data/solo', 'TCP 5432 · 1 connection', 1],
      ['deploy/data/kafka → deploy/data/kafka', 'TCP 9092 · 2 connections', 2],
      ['deploy/data/kafka → deploy/dns/core', 'TCP 6379, UDP 53 · 2 connections', 2],
    ],
  );
});

void test('past 4 ports, the rest counted', () => {
  const ports = [53, 6379, 8080, 8443, 9090, 15432];
  assert.deepEqual(rows(ports.map((p) => c('data/kafka-1', 'dns/core-1', p))), [
    ['deploy/data/kafka → deploy/dns/core', 'TCP 53, 6379, 8080, 8443 and 2 more · 6 connections', 6],
  ]);
});

void test('nothing cut, no rows', () => {
  assert.deepEqual(rows([]), []);
});
