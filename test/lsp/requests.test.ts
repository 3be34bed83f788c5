// The custom requests shared with the client (server/src/protocol/requests.ts): trace, matrix,
// one matrix cell, topology, explain; and netpol/modelChanged after the model changes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import {
  ExplainRequestType,
  MatrixCellRequestType,
  MatrixRequestType,
  PortsMatrixRequestType,
  TopologyRequestType,
  TraceRequestType,
} from '../../server/src/protocol/requests';
import type { Trace, TraceError } from '../../server/src/engine/dataplane/types';
import type { ClassReach } from '../../server/src/protocol/requests';
import { LspClient, positionOf, sampleWorkspace, uriOf } from './client';

let ws: string;
let client: LspClient;

before(async () => {
  ws = sampleWorkspace();
  client = await LspClient.start({ folders: [ws] });
  await client.waitForIndexed();
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

/** Whether pod i reaches pod j by the classes of a matrix view. */
const reaches = (r: ClassReach, i: number, j: number): boolean =>
  i === j || r.reaches[r.classOf[i]!]!.includes(r.classOf[j]!);

/** The `src>dst` pairs of pods for which `allowed(i, j)` holds. */
function pairsOf(pods: string[], allowed: (i: number, j: number) => boolean): Set<string> {
  return new Set(pods.flatMap((a, i) => pods.flatMap((b, j) => (allowed(i, j) ? [`${a}>${b}`] : []))));
}

const trace = (from: string, to: string, port = 5432) =>
  client.connection.sendRequest(TraceRequestType, { from, to, port, protocol: 'TCP' });

void test('netpol/trace: web -> db is dropped by default/db-access-ingress, backend -> db delivered', async () => {
  const dropped = (await trace('default/web', 'default/db')) as Trace;
  assert.equal(dropped.verdict, 'dropped');
  assert.deepEqual(dropped.drop && [dropped.drop.direction, dropped.drop.pod, dropped.drop.policies], [
    'ingress',
    'default/db',
    ['default/db-access-ingress'],
  ]);
  assert.deepEqual(dropped.drop?.nearMiss, {
    policy: 'default/db-access-ingress',
    direction: 'ingress',
    rule: 1,
    differs: ['peer'],
    explanation:
      'no ingress rule allows TCP 5432 from default/web; closest: default/db-access-ingress ingress rule 1, which allows every port from pods app=myapp, role=backend in namespace default (the peer differs)',
  });
  const delivered = (await trace('default/backend', 'default/db')) as Trace;
  assert.equal(delivered.verdict, 'delivered');
  assert.ok(delivered.hops.some((h) => h.device === 'flannel.1' && h.encapsulation?.udpDstPort === 8472));
});

void test('netpol/trace: an unknown pod is a TraceError with suggestions; a bad port is InvalidParams', async () => {
  const unknown = (await trace('default/wbe', 'default/db')) as TraceError;
  assert.match(unknown.error, /wbe/);
  assert.ok(unknown.suggestions.includes('default/web'), JSON.stringify(unknown));
  await assert.rejects(trace('default/web', 'default/db', 70000), (err: ResponseError<unknown>) => {
    assert.equal(err.code, ErrorCodes.InvalidParams);
    assert.match(err.message, /port/);
    return true;
  });
});

void test('netpol/portsMatrix: each destination on its declared ports; a bad name is InvalidParams', async () => {
  const m = await client.connection.sendRequest(PortsMatrixRequestType, {
    port: 'declared',
    protocol: 'TCP',
  });
  assert.equal(m.port, 'declared');
  assert.deepEqual(m.pods, ['default/backend', 'default/db', 'default/web']);
  assert.equal(m.allowed.length, m.allowedPorts.length);
  await assert.rejects(
    client.connection.sendRequest(PortsMatrixRequestType, { port: 'No Name', protocol: 'TCP' }),
    (err: ResponseError<unknown>) => err.code === ErrorCodes.InvalidParams,
  );
});

void test('netpol/matrix and netpol/matrixCell for TCP 5432', async () => {
  const m = await client.connection.sendRequest(MatrixRequestType, { port: 5432, protocol: 'TCP' });
  assert.deepEqual(m.pods, ['default/backend', 'default/db', 'default/web']);
  assert.equal(m.allowed, undefined, 'classes, not every pair');
  const allowed = pairsOf(m.pods, (i, j) => reaches(m.reach!, i, j));
  assert.ok(allowed.has('default/backend>default/db'));
  assert.ok(!allowed.has('default/web>default/db'));
  assert.ok(!allowed.has('default/db>default/backend'));
  assert.ok(allowed.has('default/backend>default/web'));
  const cell = await client.connection.sendRequest(MatrixCellRequestType, {
    port: 5432,
    protocol: 'TCP',
    from: 'default/web',
    to: 'default/db',
  });
  assert.equal(cell.allowed, false);
  assert.match(cell.reason, /default\/db-access-ingress/);
});

void test('netpol/matrix in the declared-ports mode: each pod on the ports it declares; a bad mode is InvalidParams', async () => {
  const m = await client.connection.sendRequest(MatrixRequestType, {
    port: 80,
    protocol: 'TCP',
    mode: 'declared',
  });
  assert.equal(m.mode, 'declared');
  assert.deepEqual(m.owners, [null, null, null]);
  assert.deepEqual(
    m.declared?.of.map((ports) => ports.map((i) => m.declared!.ports[i]!.port)),
    [[8080], [5432], [80]],
  );
  const { of, reach } = m.declared!;
  const allowed = pairsOf(m.pods, (i, j) => of[j]!.every((k) => reaches(reach![k]!, i, j)));
  assert.ok(allowed.has('default/backend>default/db'));
  assert.ok(!allowed.has('default/web>default/db'));
  const cell = await client.connection.sendRequest(MatrixCellRequestType, {
    port: 80,
    protocol: 'TCP',
    mode: 'declared',
    from: 'default/web',
    to: 'default/db',
  });
  assert.equal(cell.allowed, false);
  assert.match(cell.reason, /^TCP 5432 \(postgres\): denied\./);
  await assert.rejects(
    client.connection.sendRequest(MatrixRequestType, { port: 80, protocol: 'TCP', mode: 'all' as never }),
    (err: ResponseError<unknown>) => err.code === ErrorCodes.InvalidParams && /mode/.test(err.message),
  );
});

void test('netpol/topology: nodes, pods with node and IP, policies with file and line, dataplane', async () => {
  const t = await client.connection.sendRequest(TopologyRequestType, undefined);
  assert.deepEqual(t.nodes, [
    { name: 'node-1', ip: '192.168.56.11', podCIDR: '10.244.0.0/24', synthesized: false },
    { name: 'node-2', ip: '192.168.56.12', podCIDR: '10.244.1.0/24', synthesized: false },
  ]);
  const db = t.pods.find((p) => p.key === 'default/db');
  assert.deepEqual(db && [db.node, db.labels, db.ports], [
    'node-2',
    { app: 'myapp', role: 'db' },
    [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
  ]);
  assert.match(db!.ip, /^10\.244\.1\.\d+$/);
  const fixed = uriOf(path.join(ws, 'seed-policies-fixed.yaml'));
  assert.deepEqual(t.policies.map((p) => [p.key, p.file, p.line]).sort(), [
    ['default/backend-access-ingress', fixed, 2],
    ['default/db-access-ingress', fixed, 18],
  ]);
  assert.deepEqual([t.backend, t.network, t.enforcement], ['vxlan', '10.244.0.0/16', true]);
  assert.deepEqual(
    t.services?.map((s) => [s.key, s.type, s.ports, s.endpoints]),
    [
      [
        'default/backend',
        'ClusterIP',
        [{ name: 'api', port: 80, protocol: 'TCP', targetPort: 'api', resolvedPorts: [8080] }],
        1,
      ],
      [
        'default/db',
        'ClusterIP',
        [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 'postgres', resolvedPorts: [5432] }],
        1,
      ],
      [
        'default/web',
        'ClusterIP',
        [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', resolvedPorts: [80] }],
        1,
      ],
    ],
  );
  assert.deepEqual(
    [t.dns?.service, t.dns?.clusterIP, t.dns?.synthesized, t.dns?.pods.length],
    ['kube-system/kube-dns', '10.96.0.10', true, 2],
    'the demo declares no cluster DNS: it is synthesized, and the view says so',
  );
  assert.ok(
    t.dns?.pods.every((p) => !t.pods.some((q) => q.key === p.key)),
    'never a workspace pod',
  );
});

void test('netpol/explain: the policy at a position in plain language; null outside a policy', async () => {
  const uri = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
  const text = client.textOf(uri);
  const e = await client.connection.sendRequest(ExplainRequestType, {
    uri,
    position: positionOf(text, 'role: db'),
  });
  assert.equal(e?.policy, 'default/db-access-ingress');
  assert.ok(e && e.summary.length > 0 && e.details.length > 0, JSON.stringify(e));
  assert.equal(e.line, 18, 'where the policy starts, as netpol/topology lists it');
  const pods = await client.open(path.join(ws, 'pods.yaml'));
  assert.equal(
    await client.connection.sendRequest(ExplainRequestType, {
      uri: pods,
      position: { line: 3, character: 2 },
    }),
    null,
  );
  await client.close(pods);
  await client.close(uri);
});

void test('netpol/modelChanged follows a change of the topology, not an edit of a comment', async () => {
  const uri = await client.open(path.join(ws, 'pods.yaml'));
  const text = client.textOf(uri);
  const before = client.modelVersions.length;
  const v1 = await client.setText(uri, `${text}# a comment at the end\n`);
  await client.waitForDiagnostics(uri, (_, p) => p.version === v1);
  assert.equal(client.modelVersions.length, before, 'a comment leaves the model as it was');
  await client.setText(uri, text.replace('role: web', 'role: frontend'));
  await client.waitFor(
    () => client.modelVersions.length > before,
    undefined,
    () => 'netpol/modelChanged',
  );
  const t = await client.connection.sendRequest(TopologyRequestType, undefined);
  assert.deepEqual(t.pods.find((p) => p.key === 'default/web')?.labels, { app: 'myapp', role: 'frontend' });
  await client.close(uri);
  await client.waitFor(
    () => client.modelVersions.length > before + 1,
    undefined,
    () => 'modelChanged on close',
  );
  const back = await client.connection.sendRequest(TopologyRequestType, undefined);
  assert.deepEqual(back.pods.find((p) => p.key === 'default/web')?.labels, { app: 'myapp', role: 'web' });
});

void test('a workload with 0 replicas: listed as idle by netpol/topology, named in the trace error and the cell', async () => {
  const promo = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: promo, namespace: default}',
    'spec:',
    '  replicas: 0',
    '  selector: {matchLabels: {app: promo}}',
    '  template:',
    '    metadata: {labels: {app: promo}}',
    '    spec: {containers: [{name: promo, image: promo:1}]}',
    '',
  ].join('\n');
  const uri = await client.open(path.join(ws, 'promo.yaml'), promo);
  await client.waitForDiagnostics(uri);
  const message = 'deploy/default/promo has 0 replicas: no pod to trace';
  const t = await client.connection.sendRequest(TopologyRequestType, undefined);
  assert.deepEqual(
    t.workloads?.filter((w) => w.idle !== undefined),
    [
      {
        ref: 'deploy/default/promo',
        kind: 'Deployment',
        namespace: 'default',
        name: 'promo',
        pods: [],
        idle: message,
      },
    ],
  );
  assert.deepEqual(await trace('deploy/default/promo', 'default/db'), { error: message, suggestions: [] });
  const cell = await client.connection.sendRequest(MatrixCellRequestType, {
    port: 5432,
    protocol: 'TCP',
    from: 'default/web',
    to: 'deploy/default/promo',
  });
  assert.deepEqual(cell, {
    from: 'default/web',
    to: 'deploy/default/promo',
    allowed: false,
    reason: message,
  });
  await client.close(uri);
});
