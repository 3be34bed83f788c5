// The topology built from workspace objects: nodes (declared, synthesised, referenced), flannel's
// configuration, pods from every workload kind with controller-like names, namespaces with their
// automatic label, deterministic placement and IPs, duplicates, and lookups.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { factsOf } from '../../../server/src/engine/cluster/facts';
import { parseFile } from '../../../server/src/engine/parse/documents';
import type { ManifestObject } from '../../../server/src/engine/parse/types';
import { cidrContains, parseCidr, parseIPv4 } from '../../../server/src/engine/ipv4';
import type { Pod, Topology } from '../../../server/src/engine/model';
import { podKey } from '../../../server/src/engine/model';
import { buildTopology, findPod, podByIP, policyDefinitions } from '../../../server/src/engine/topology';
import { fixture, samplesDir, seedSample } from '../../helpers/paths';

const objectsOf = (...files: [string, string][]): ManifestObject[] =>
  files.flatMap(([p, text]) => parseFile({ path: p, text }).objects);
const fromFiles = (...paths: string[]): ManifestObject[] =>
  objectsOf(...paths.map((p): [string, string] => [path.basename(p), fs.readFileSync(p, 'utf8')]));
const build = (objects: readonly ManifestObject[], nodeCount = 2): Topology =>
  buildTopology(factsOf(objects), { enforcement: true, nodeCount });
const pod = (t: Topology, ref: string): Pod => {
  const p = findPod(t, ref).pod;
  assert.ok(p, `no pod ${ref}`);
  return p;
};
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]';

void describe('nodes', () => {
  void test('the samples declare node-1 and node-2 with their CIDRs and addresses', () => {
    const t = build(fromFiles(path.join(samplesDir, 'cluster.yaml')));
    assert.deepEqual(
      t.nodes.map((n) => [n.name, n.index, n.podCIDR, n.internalIP, n.synthesized]),
      [
        ['node-1', 0, '10.244.0.0/24', '192.168.56.11', false],
        ['node-2', 1, '10.244.1.0/24', '192.168.56.12', false],
      ],
    );
    assert.deepEqual(t.dataplane, {
      network: '10.244.0.0/16',
      backend: 'vxlan',
      enforcement: true,
      source: t.dataplane.source,
    });
  });

  void test('none declared: nodeCount nodes are synthesised', () => {
    const t = build([], 3);
    assert.deepEqual(
      t.nodes.map((n) => [n.name, n.podCIDR, n.internalIP, n.synthesized]),
      [
        ['node-1', '10.244.0.0/24', '192.168.56.11', true],
        ['node-2', '10.244.1.0/24', '192.168.56.12', true],
        ['node-3', '10.244.2.0/24', '192.168.56.13', true],
      ],
    );
    assert.deepEqual(t.dataplane, { network: '10.244.0.0/16', backend: 'vxlan', enforcement: true });
  });

  void test('a node a pod names but nobody declares is added', () => {
    const t = build(
      objectsOf(['p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: worker-9\n']),
    );
    assert.deepEqual(
      t.nodes.map((n) => n.name),
      ['node-1', 'node-2', 'worker-9'],
    );
    assert.equal(pod(t, 'p').nodeName, 'worker-9');
    assert.equal(t.nodes[2]!.podCIDR, '10.244.2.0/24');
  });

  void test('flannel ConfigMap: host-gw, custom Network; a node without podCIDR gets a free /24 of it', () => {
    const t = build(fromFiles(fixture('model', 'flannel-host-gw.yaml')));
    assert.equal(t.dataplane.backend, 'host-gw');
    assert.equal(t.dataplane.network, '10.50.0.0/16');
    assert.deepEqual(
      t.nodes.map((n) => [n.name, n.podCIDR, n.internalIP, n.labels['disk'] ?? null]),
      [
        ['alpha', '10.50.7.0/24', '172.16.0.10', 'ssd'],
        ['beta', '10.50.0.0/24', '192.168.56.11', null],
        ['gamma', '10.50.1.0/24', '192.168.56.12', null],
      ],
    );
  });

  void test('nodeSelector and status.podIP decide the node', () => {
    const t = build(fromFiles(fixture('model', 'flannel-host-gw.yaml')));
    assert.equal(pod(t, 'fast').nodeName, 'alpha');
    const fixed = pod(t, 'fixed');
    assert.deepEqual(
      [fixed.nodeName, fixed.ip, fixed.ipAllocated, fixed.nodeAssigned],
      ['beta', '10.50.0.77', false, true],
    );
    assert.ok(cidrContains(parseCidr('10.50.7.0/24')!, parseIPv4(pod(t, 'fast').ip)!));
  });
});

void describe('pods from workloads', () => {
  const t = build(fromFiles(fixture('model', 'workloads.yaml')));
  const owned = (owner: string) => t.pods.filter((p) => p.owner === owner);

  void test('Deployment: replicas pods named name-<template hash>-<suffix>, labelled pod-template-hash', () => {
    const pods = owned('Deployment/web');
    assert.equal(pods.length, 3);
    const hash = pods[0]!.labels['pod-template-hash']!;
    assert.match(hash, new RegExp(`^${SUFFIX}{10}$`));
    for (const p of pods) {
      assert.match(p.name, new RegExp(`^web-${hash}-${SUFFIX}{5}$`));
      assert.deepEqual(p.labels, { app: 'web', 'pod-template-hash': hash });
      assert.deepEqual(p.ports, [{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
      assert.equal(p.namespace, 'shop');
    }
    assert.equal(new Set(pods.map((p) => p.name)).size, 3);
  });

  void test('StatefulSet: name-0, name-1 with their pod-name and pod-index labels', () => {
    assert.deepEqual(
      owned('StatefulSet/db').map((p) => [p.name, p.labels]),
      [
        [
          'db-0',
          { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0', 'apps.kubernetes.io/pod-index': '0' },
        ],
        [
          'db-1',
          { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' },
        ],
      ],
    );
  });

  void test('DaemonSet: one pod per node, on that node', () => {
    const pods = owned('DaemonSet/agent');
    assert.deepEqual(
      pods.map((p) => p.nodeName),
      ['node-1', 'node-2'],
    );
    for (const p of pods) assert.match(p.name, new RegExp(`^agent-${SUFFIX}{5}$`));
    assert.equal(pods[0]!.nodeAssigned, false);
  });

  void test('Job: parallelism pods labelled job-name; CronJob: one pod of its current job', () => {
    const jobs = owned('Job/migrate');
    assert.equal(jobs.length, 2);
    for (const p of jobs) {
      assert.match(p.name, new RegExp(`^migrate-${SUFFIX}{5}$`));
      assert.deepEqual(p.labels, {
        app: 'migrate',
        'job-name': 'migrate',
        'batch.kubernetes.io/job-name': 'migrate',
      });
    }
    const cron = owned('CronJob/report');
    assert.equal(cron.length, 1);
    const jobName = cron[0]!.labels['job-name']!;
    assert.match(jobName, /^report-\d{8}$/);
    assert.match(cron[0]!.name, new RegExp(`^${jobName}-${SUFFIX}{5}$`));
  });

  void test('ReplicaSet defaults to one replica; replicas: 0 makes none; generateName; other kinds ignored', () => {
    assert.equal(owned('ReplicaSet/legacy').length, 1);
    assert.match(owned('ReplicaSet/legacy')[0]!.name, new RegExp(`^legacy-${SUFFIX}{5}$`));
    assert.equal(owned('ReplicationController/scaled-down').length, 0);
    const debug = t.pods.filter((p) => p.labels['app'] === 'debug');
    assert.equal(debug.length, 1);
    assert.match(debug[0]!.name, new RegExp(`^debug-${SUFFIX}{5}$`));
    assert.equal(t.pods.length, 3 + 2 + 2 + 2 + 1 + 1 + 1);
  });

  void test('namespaces: declared ones keep their labels, referenced ones exist; all carry the automatic label', () => {
    assert.deepEqual(
      [...t.namespaces.values()],
      [
        { name: 'monitoring', labels: { 'kubernetes.io/metadata.name': 'monitoring' }, declared: false },
        {
          name: 'shop',
          labels: { team: 'payments', 'kubernetes.io/metadata.name': 'shop' },
          declared: true,
          source: t.namespaces.get('shop')!.source,
        },
      ],
    );
  });
});

void describe('placement and addresses', () => {
  const samples = () =>
    build(fromFiles(...['cluster.yaml', 'pods.yaml', 'seed-policies-fixed.yaml'].map(seedSample)));

  void test('the samples: pods on their declared nodes with deterministic IPs from the node CIDR', () => {
    const t = samples();
    assert.deepEqual(
      t.pods.map((p) => [podKey(p), p.nodeName, p.ip, p.ipAllocated, p.nodeAssigned]),
      [
        ['default/web', 'node-1', '10.244.0.228', true, false],
        ['default/backend', 'node-1', '10.244.0.3', true, false],
        ['default/db', 'node-2', '10.244.1.72', true, false],
      ],
    );
    assert.deepEqual(
      t.policies.map((p) => podKey(p)),
      ['default/backend-access-ingress', 'default/db-access-ingress'],
    );
  });

  void test('every allocated IP is unique, inside its node CIDR, never .0, .1 (the bridge) or broadcast', () => {
    const docs = Array.from(
      { length: 600 },
      (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n`,
    );
    const t = build(objectsOf(['many.yaml', docs.join('---\n')]));
    assert.equal(t.nodes.length, 6, '600 pods at 110 per node need 6 synthesised nodes');
    const ips = t.pods.map((p) => p.ip);
    assert.equal(new Set(ips).size, 600);
    for (const p of t.pods) {
      const node = t.nodes.find((n) => n.name === p.nodeName)!;
      const cidr = parseCidr(node.podCIDR)!;
      const ip = parseIPv4(p.ip)!;
      assert.ok(cidrContains(cidr, ip), `${p.ip} in ${node.podCIDR}`);
      assert.ok(![0, 1, 255].includes(ip - cidr.base), p.ip);
    }
  });

  void test('stable under edits: adding a pod moves no other pod', () => {
    const podDoc = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`;
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const before = build(objectsOf(['a.yaml', names.map(podDoc).join('---\n')]));
    const after = build(objectsOf(['a.yaml', [...names, 'india'].map(podDoc).join('---\n')]));
    for (const name of names) {
      assert.deepEqual(
        [pod(after, name).nodeName, pod(after, name).ip],
        [pod(before, name).nodeName, pod(before, name).ip],
      );
    }
  });

  void test('a full node CIDR leaves the pod without an IP rather than reusing one', () => {
    const node = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: tiny\nspec:\n  podCIDR: 10.9.9.0/30\n';
    const pods = ['a', 'b'].map(
      (n) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\nspec:\n  nodeName: tiny\n`,
    );
    const t = build(objectsOf(['c.yaml', [node, ...pods].join('---\n')]));
    assert.deepEqual(
      t.pods.map((p) => p.ip),
      ['10.9.9.2', ''],
    );
  });
});

void describe('duplicates and lookups', () => {
  const podDoc = (label: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: twin\n  labels:\n    from: ${label}\n`;
  const policyDoc =
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: dup\nspec:\n  podSelector: {}\n';

  void test('the later file in path order wins, whatever order the objects come in', () => {
    const a = objectsOf(['a.yaml', podDoc('a')]);
    const b = objectsOf(['b.yaml', podDoc('b')]);
    assert.equal(pod(build([...a, ...b]), 'twin').labels['from'], 'b');
    assert.equal(pod(build([...b, ...a]), 'twin').labels['from'], 'b');
  });

  void test('every definition of a duplicated policy is remembered, at its metadata.name', () => {
    const t = build(objectsOf(['b.yaml', policyDoc], ['a.yaml', `# first\n${policyDoc}`]));
    assert.equal(t.policies.length, 1);
    assert.equal(t.policies[0]!.source.file, 'b.yaml');
    assert.deepEqual(policyDefinitions(t, { namespace: 'default', name: 'dup' }), [
      { file: 'a.yaml', span: { start: 79, end: 82 } },
      { file: 'b.yaml', span: { start: 71, end: 74 } },
    ]);
    assert.deepEqual(policyDefinitions(t, { namespace: 'default', name: 'other' }), []);
  });

  void test('findPod: ns/name, a unique bare name, an ambiguous one; podByIP', () => {
    const docs = ['x', 'y'].map(
      (ns) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: ${ns}\n`,
    );
    docs.push('apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  namespace: x\n');
    const t = build(objectsOf(['p.yaml', docs.join('---\n')]));
    assert.equal(podKey(findPod(t, 'y/api').pod!), 'y/api');
    assert.equal(podKey(findPod(t, 'solo').pod!), 'x/solo');
    const ambiguous = findPod(t, 'api');
    assert.equal(ambiguous.pod, undefined);
    assert.deepEqual(ambiguous.matches.map(podKey), ['x/api', 'y/api']);
    assert.deepEqual(findPod(t, 'z/api'), { matches: [] });
    const solo = pod(t, 'solo');
    assert.equal(podByIP(t, solo.ip), solo);
    assert.equal(podByIP(t, '203.0.113.9'), undefined);
  });
});

void describe('scale', () => {
  void test('50,000 pods from 500 Deployments build in linear time', () => {
    const docs = Array.from(
      { length: 500 },
      (_, i) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\n  namespace: ns${i % 20}\nspec:\n  replicas: 100\n  template:\n    metadata:\n      labels:\n        app: d${i}\n    spec:\n      containers:\n      - name: c\n        image: x\n`,
    );
    const objects = objectsOf(['big.yaml', docs.join('---\n')]);
    const start = process.cpuUsage();
    const t = build(objects);
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    assert.equal(t.pods.length, 50_000);
    assert.equal(new Set(t.pods.map((p) => p.ip)).size, 50_000);
    assert.ok(ms < 3000, `built in ${ms.toFixed(0)} ms of CPU`);
  });
});
