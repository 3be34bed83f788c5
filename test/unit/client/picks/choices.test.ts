import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrixPortChoices } from '../../../../client/src/picks/matrixChoices';
import {
  acceptedChoice,
  destinationChoices,
  forIntent,
  podOf,
  portChoices,
  protocolChoices,
  recentFor,
  remember,
  serviceOf,
  sourceChoices,
} from '../../../../client/src/picks/traceChoices';
import type { TopologyResult } from '../../../../server/src/protocol/requests';

const t: TopologyResult = {
  nodes: [],
  pods: [
    {
      key: 'default/web',
      namespace: 'default',
      name: 'web',
      node: 'node-1',
      ip: '10.244.0.2',
      labels: { app: 'myapp', role: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
    {
      key: 'default/backend',
      namespace: 'default',
      name: 'backend',
      node: 'node-1',
      ip: '10.244.0.3',
      labels: {},
      ports: [{ name: 'api', port: 8080, protocol: 'TCP' }],
    },
    {
      key: 'default/db',
      namespace: 'default',
      name: 'db',
      node: 'node-2',
      ip: '10.244.1.2',
      labels: {},
      ports: [
        { name: 'postgres', port: 5432, protocol: 'TCP' },
        { port: 5432, protocol: 'UDP' },
      ],
    },
  ],
  policies: [],
  backend: 'vxlan',
  network: '10.244.0.0/16',
  enforcement: true,
};

void describe('trace picks', () => {
  void it('describes source pods with namespace, node and IP, the last one first', () => {
    const items = sourceChoices(t, 'default/db');
    assert.deepEqual(
      items.map((i) => i.value),
      ['default/db', 'default/web', 'default/backend'],
    );
    assert.equal(items[0]?.description, 'default · node-2 · 10.244.1.2 · recently used');
    assert.equal(items[1]?.description, 'default · node-1 · 10.244.0.2');
    assert.equal(items[1]?.detail, 'app=myapp, role=web');
    assert.equal(items[2]?.detail, undefined);
  });

  void it('offers a typed IP as a destination', () => {
    assert.deepEqual(
      destinationChoices(t, '8.8.8', undefined).map((i) => i.value),
      ['default/web', 'default/backend', 'default/db'],
    );
    const withIp = destinationChoices(t, '8.8.8.8', undefined);
    assert.deepEqual(withIp[0], {
      label: '8.8.8.8',
      description: 'an address (outside the pods of the workspace)',
      value: '8.8.8.8',
    });
    assert.equal(destinationChoices(t, '10.244.1.2')[0]?.description, 'the address of default/db');
  });

  void it('puts the last protocol first', () => {
    assert.deepEqual(
      protocolChoices('UDP').map((p) => p.value),
      ['UDP', 'TCP', 'SCTP'],
    );
    assert.deepEqual(
      protocolChoices().map((p) => p.value),
      ['TCP', 'UDP', 'SCTP'],
    );
  });

  void it("offers the destination's declared ports for the protocol, the last and a typed one", () => {
    const db = podOf(t, 'default/db');
    assert.deepEqual(
      portChoices(db, 'TCP', '').map((c) => [c.label, c.description]),
      [['5432', 'postgres (declared by default/db)']],
    );
    assert.deepEqual(
      portChoices(db, 'UDP', '').map((c) => c.value),
      [5432],
    );
    assert.deepEqual(
      portChoices(db, 'TCP', '', 9000).map((c) => c.value),
      [9000, 5432],
    );
    assert.deepEqual(
      portChoices(db, 'TCP', '6543').map((c) => [c.value, c.description]),
      [
        [6543, 'typed port'],
        [5432, 'postgres (declared by default/db)'],
      ],
    );
    assert.deepEqual(
      portChoices(undefined, 'TCP', 'abc').map((c) => c.value),
      [],
    );
    assert.equal(podOf(t, '10.244.0.3')?.key, 'default/backend');
  });
});

void describe('trace picks with workloads', () => {
  const withWorkloads: TopologyResult = {
    ...t,
    workloads: [
      {
        ref: 'deploy/default/front',
        kind: 'Deployment',
        namespace: 'default',
        name: 'front',
        pods: ['default/db', 'default/web'],
      },
      {
        ref: 'sts/default/one',
        kind: 'StatefulSet',
        namespace: 'default',
        name: 'one',
        pods: ['default/backend'],
      },
    ],
  };

  void it('lists workloads first with their replica count, then pods', () => {
    const items = sourceChoices(withWorkloads);
    assert.deepEqual(
      items.map((i) => [i.label, i.description]),
      [
        ['deploy/default/front', '2 replicas'],
        ['sts/default/one', '1 replica'],
        ['default/web', 'default · node-1 · 10.244.0.2'],
        ['default/backend', 'default · node-1 · 10.244.0.3'],
        ['default/db', 'default · node-2 · 10.244.1.2'],
      ],
    );
    assert.equal(items[0]?.detail, 'traces from its first replica, default/db');
    assert.deepEqual(
      destinationChoices(withWorkloads, '', 'sts/default/one')
        .slice(0, 2)
        .map((i) => [i.value, i.description]),
      [
        ['sts/default/one', '1 replica · recently used'],
        ['deploy/default/front', '2 replicas'],
      ],
    );
  });

  void it('lists a workload with no pod last, as not traceable, with the reason', () => {
    const message = 'deploy/default/promo has 0 replicas: no pod to trace';
    const idle = { ref: 'deploy/default/promo', kind: 'Deployment', namespace: 'default', name: 'promo' };
    const scaled = {
      ...withWorkloads,
      workloads: [{ ...idle, pods: [], idle: message }, ...withWorkloads.workloads!],
    };
    for (const items of [sourceChoices(scaled), destinationChoices(scaled, '')]) {
      assert.deepEqual(items.at(-1), {
        label: 'deploy/default/promo',
        description: 'no pod · not traceable',
        detail: message,
        value: 'deploy/default/promo',
        unavailable: message,
      });
      assert.deepEqual(
        items.slice(0, 2).map((i) => i.label),
        ['deploy/default/front', 'sts/default/one'],
      );
      assert.equal(items.filter((i) => i.unavailable !== undefined).length, 1);
    }
  });

  void it('for an intent, a workload stands for every replica; pods and idle workloads as for a trace', () => {
    const idle = { ref: 'deploy/default/promo', kind: 'Deployment', namespace: 'default', name: 'promo' };
    const scaled = {
      ...withWorkloads,
      workloads: [{ ...idle, pods: [], idle: 'no pod' }, ...withWorkloads.workloads!],
    };
    const details = (items: ReturnType<typeof sourceChoices>) =>
      Object.fromEntries(items.map((i) => [i.value, i.detail ?? '']));
    const traced = details(sourceChoices(scaled));
    assert.deepEqual(details(forIntent(sourceChoices(scaled), scaled)), {
      ...traced,
      'deploy/default/front': "all 2 replicas, selected by the workload's labels",
      'sts/default/one': "its replica, selected by the workload's labels",
    });
  });

  void it("offers a workload's ports from its first replica", () => {
    assert.equal(podOf(withWorkloads, 'deploy/default/front')?.key, 'default/db');
    assert.deepEqual(
      portChoices(podOf(withWorkloads, 'deploy/default/front'), 'TCP', '').map((c) => c.value),
      [5432],
    );
  });

  void it('offers as recently used only what was used with the source and destination chosen', () => {
    const recent = [
      { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' as const },
      { from: 'default/backend', to: 'default/web', port: 80, protocol: 'TCP' as const },
    ];
    assert.equal(recentFor(recent, 'from', {}), 'default/web');
    assert.equal(recentFor(recent, 'to', { from: 'default/backend' }), 'default/web');
    assert.equal(recentFor(recent, 'to', { from: 'default/db' }), undefined);
    assert.equal(recentFor(recent, 'port', { to: 'default/db', protocol: 'TCP' }), 5432);
    assert.equal(recentFor(recent, 'port', { to: 'default/db', protocol: 'UDP' }), undefined);
    const next = remember(recent, { from: 'default/backend', to: 'default/web', port: 80, protocol: 'TCP' });
    assert.deepEqual(
      next.map((r) => r.from),
      ['default/backend', 'default/web'],
    );
  });
});

void describe('matrix port picks', () => {
  void it('lists declared port/protocol pairs with names and pods, sorted', () => {
    const items = matrixPortChoices(t, '');
    assert.deepEqual(
      items.map((i) => i.label),
      ['80/TCP', '5432/TCP', '5432/UDP', '8080/TCP'],
    );
    assert.equal(items[1]?.description, 'postgres · default/db');
    assert.deepEqual(items[3]?.value, { port: 8080, protocol: 'TCP' });
  });

  void it('puts the last choice first and a typed port (protocol asked next) before everything', () => {
    assert.deepEqual(matrixPortChoices(t, '', { port: 8080, protocol: 'TCP' })[0]?.label, '8080/TCP');
    assert.deepEqual(matrixPortChoices(t, '', { port: 53, protocol: 'UDP' })[0], {
      label: '53/UDP',
      description: 'recently used',
      value: { port: 53, protocol: 'UDP' },
    });
    assert.deepEqual(matrixPortChoices(t, '443')[0]?.value, { port: 443 });
    assert.deepEqual(
      matrixPortChoices(t, '5432')
        .map((c) => c.label)
        .slice(0, 2),
      ['5432/TCP', '5432/UDP'],
    );
  });
});

void describe('acceptedChoice', () => {
  const items = matrixPortChoices(t, '');
  void it('takes the active item when it matches what is typed (or nothing is typed)', () => {
    assert.equal(acceptedChoice('', items[2], items), items[2]);
    assert.equal(acceptedChoice('5432', items[2], items), items[2]);
    assert.equal(acceptedChoice('', undefined, items), items[0]);
  });
  void it('prefers the first item containing the typed text over a stale active item', () => {
    assert.equal(acceptedChoice('5432', items[0], items)?.label, '5432/TCP');
    assert.equal(acceptedChoice('POSTGRES', items[0], items)?.label, '5432/TCP');
  });
  void it('keeps the active item for fuzzy input no item contains', () => {
    assert.equal(acceptedChoice('5t', items[1], items), items[1]);
  });
});

void describe('trace picks: Services', () => {
  const withServices: TopologyResult = {
    ...t,
    services: [
      {
        key: 'default/db',
        type: 'ClusterIP',
        clusterIP: '10.96.0.20',
        ports: [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 'postgres' }],
        endpoints: 1,
      },
      {
        key: 'default/web',
        type: 'NodePort',
        clusterIP: '10.96.0.30',
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }],
        endpoints: 2,
      },
      { key: 'default/ext', type: 'ExternalName', clusterIP: null, ports: [], endpoints: 0 },
    ],
  };

  void it('lists Services after the pods, with ClusterIP and ports, traced by their DNS name', () => {
    const items = destinationChoices(withServices, '');
    assert.deepEqual(
      items.slice(3).map((i) => [i.label, i.description, i.value]),
      [
        ['svc/default/db', '10.96.0.20 · 5432/TCP → postgres', 'db.default'],
        ['svc/default/web', '10.96.0.30 · 80/TCP → 8080', 'web.default'],
      ],
    );
    assert.equal(
      items[3]?.detail,
      'Service (ClusterIP, 1 endpoint): looked up by DNS as db.default, then DNAT by kube-proxy to an endpoint',
    );
    assert.deepEqual(
      destinationChoices(withServices, '', 'web.default')
        .slice(0, 1)
        .map((i) => [i.label, i.description]),
      [['svc/default/web', '10.96.0.30 · 80/TCP → 8080 · recently used']],
      'a recent Service comes first',
    );
    assert.equal(
      destinationChoices(withServices, '10.96.0.20')[0]?.description,
      'the ClusterIP of Service default/db',
    );
  });

  void it('for an intent, a Service stands for its endpoint pods on the targetPort', () => {
    const items = forIntent(destinationChoices(withServices, ''), withServices);
    assert.deepEqual(
      items.slice(3).map((i) => [i.label, i.detail]),
      [
        [
          'svc/default/db',
          'Service: its endpoint pod, on the targetPort (policies see the pods, not the Service)',
        ],
        [
          'svc/default/web',
          'Service: its 2 endpoint pods, on the targetPort (policies see the pods, not the Service)',
        ],
      ],
    );
  });

  void it("offers a Service's ports (not its pods' targetPorts) for the protocol", () => {
    const svc = serviceOf(withServices, 'web.default');
    assert.equal(svc?.key, 'default/web');
    assert.equal(serviceOf(withServices, 'svc/default/db')?.key, 'default/db');
    assert.equal(serviceOf(withServices, 'ext.default'), undefined, 'an ExternalName carries no traffic');
    assert.deepEqual(
      portChoices(svc, 'TCP', '').map((c) => [c.label, c.description]),
      [['80', 'http, port of Service default/web → targetPort 8080']],
    );
    assert.deepEqual(portChoices(svc, 'UDP', ''), []);
  });
});
