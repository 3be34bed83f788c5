// Properties of Services: a trace through a Service reaches the same verdict as the direct trace to
// the chosen endpoint on its targetPort, for every endpoint and any policies; ClusterIP and nodePort
// allocation is deterministic and never takes a given value; Services never change the matrix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { factsOf } from '../../../../server/src/engine/cluster/facts';
import { isTraceError, traceConnection } from '../../../../server/src/engine/dataplane';
import { parseFile } from '../../../../server/src/engine/parse/documents';
import { cidrContains, parseCidr, parseIPv4 } from '../../../../server/src/engine/ipv4';
import { computeMatrix } from '../../../../server/src/engine/matrix';
import { servicesOf } from '../../../../server/src/engine/services';
import { buildTopology } from '../../../../server/src/engine/topology';
import { readFixture } from '../../../helpers/paths';
import { shopWithServices } from './cluster';

const apps = ['api', 'client', 'cache', 'db', 'pg'] as const;
const portArb = fc.constantFrom<(number | string)[]>(
  [],
  [5432],
  [15432],
  ['postgres'],
  [5432, 15432],
  [8080],
);

/** A policy selecting one app, isolating ingress or egress, with one rule to another app (or anyone). */
const policyArb = fc.record({
  app: fc.constantFrom(...apps),
  direction: fc.constantFrom('ingress', 'egress'),
  peer: fc.constantFrom(...apps, 'anyone'),
  ports: portArb,
});

interface PolicySpec {
  app: string;
  direction: string;
  peer: string;
  ports: (number | string)[];
}

function policiesYaml(policies: PolicySpec[]): string {
  return policies
    .map((p, i) => {
      const peer =
        p.peer === 'anyone'
          ? ''
          : `\n      ${p.direction === 'ingress' ? 'from' : 'to'}: [{podSelector: {matchLabels: {app: ${p.peer}}}}]`;
      const ports = p.ports.length
        ? `\n      ports: [${p.ports.map((x: number | string) => `{port: ${x}}`).join(', ')}]`
        : '';
      const rule = `${peer}${ports}` || '\n      ports: []';
      return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p${i}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: ${p.app}}}
  policyTypes: [${p.direction === 'ingress' ? 'Ingress' : 'Egress'}]
  ${p.direction}:
    -${rule.replace(/^\n {6}/, ' ')}
`;
    })
    .join('---\n');
}

void test('through a Service, the same verdict as the direct trace to the endpoint on its targetPort', () => {
  fc.assert(
    fc.property(fc.array(policyArb, { maxLength: 3 }), fc.boolean(), (policies, enforcement) => {
      const ws = shopWithServices(policiesYaml(policies));
      ws.setOptions({ enforcement });
      const topology = ws.topology();
      for (const service of servicesOf(topology).services.filter((s) => s.clusterIP && s.endpoints.length)) {
        const port = service.ports[0]!;
        for (const endpoint of service.endpoints.filter((e) => e.pod && e.targetPorts[0] !== null))
          for (const from of ['shop/api', 'shop/client', 'shop/cache']) {
            const via = traceConnection(topology, {
              from,
              to: `svc/${service.namespace}/${service.name}`,
              port: port.port,
              protocol: port.protocol,
              endpoint: endpoint.key,
            });
            const direct = traceConnection(topology, {
              from,
              to: endpoint.key,
              port: endpoint.targetPorts[0]!,
              protocol: port.protocol,
            });
            assert.ok(!isTraceError(via) && !isTraceError(direct));
            const what = `${from} → ${service.name} via ${endpoint.key}`;
            assert.equal(via.verdict, direct.verdict, what);
            assert.deepEqual(via.drop?.policies, direct.drop?.policies, what);
            assert.deepEqual(via.wouldDrop?.policies, direct.wouldDrop?.policies, what);
          }
      }
    }),
    { numRuns: 25 },
  );
});

const serviceArb = fc.record({
  clusterIP: fc.option(fc.integer({ min: 2, max: 400 }), { nil: undefined }),
  nodePort: fc.option(fc.integer({ min: 30000, max: 30020 }), { nil: undefined }),
  type: fc.constantFrom('ClusterIP', 'NodePort'),
});

interface ServiceSpec {
  clusterIP: number | undefined;
  nodePort: number | undefined;
  type: string;
}

function servicesYaml(list: ServiceSpec[]): string {
  return list
    .map((s, i) => {
      const ip =
        s.clusterIP === undefined
          ? ''
          : `\n  clusterIP: 10.96.${Math.floor(s.clusterIP / 256)}.${s.clusterIP % 256}`;
      const nodePort = s.nodePort === undefined || s.type !== 'NodePort' ? '' : `, nodePort: ${s.nodePort}`;
      return `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: ns${i % 3}}\nspec:\n  type: ${s.type}${ip}\n  selector: {app: a${i}}\n  ports: [{port: 80${nodePort}}]\n`;
    })
    .join('---\n');
}

const topologyOf = (yaml: string) =>
  buildTopology(factsOf(parseFile({ path: 's.yaml', text: yaml }).objects), {
    enforcement: true,
    nodeCount: 2,
  });

void test('ClusterIPs and nodePorts: deterministic, inside their ranges, never a given or a repeated value', () => {
  fc.assert(
    fc.property(fc.array(serviceArb, { maxLength: 12 }), (list) => {
      const yaml = servicesYaml(list);
      const services = servicesOf(topologyOf(yaml)).services;
      assert.deepEqual(
        servicesOf(topologyOf(yaml)).services.map((s) => [s.clusterIP, s.ports.map((p) => p.nodePort)]),
        services.map((s) => [s.clusterIP, s.ports.map((p) => p.nodePort)]),
      );
      const given = new Set(services.filter((s) => !s.clusterIPAllocated).map((s) => s.clusterIP));
      const allocated = services.filter((s) => s.clusterIPAllocated).map((s) => s.clusterIP!);
      const cidr = parseCidr('10.96.0.0/12')!;
      for (const ip of allocated) {
        assert.ok(!given.has(ip), `${ip} is given to another Service`);
        assert.ok(cidrContains(cidr, parseIPv4(ip)!), ip);
        assert.ok(ip !== '10.96.0.1' && ip !== '10.96.0.10', ip);
      }
      assert.equal(new Set(allocated).size, allocated.length);
      const ports = services.flatMap((s) => s.ports);
      const givenPorts = new Set(
        ports.filter((p) => !p.nodePortAllocated && p.nodePort).map((p) => p.nodePort),
      );
      const allocatedPorts = ports.filter((p) => p.nodePortAllocated).map((p) => p.nodePort!);
      assert.equal(new Set(allocatedPorts).size, allocatedPorts.length);
      for (const p of allocatedPorts) assert.ok(!givenPorts.has(p) && p >= 30000 && p <= 32767, String(p));
    }),
    { numRuns: 100 },
  );
});

void test('adding Services changes no cell of the matrix', () => {
  const serviceObjects = readFixture('dataplane', 'services.yaml')
    .split(/^---$/m)
    .filter((doc) => /kind: (Service|EndpointSlice)\b/.test(doc))
    .join('---\n');
  fc.assert(
    fc.property(
      fc.array(policyArb, { maxLength: 3 }),
      fc.constantFrom(5432, 15432, 8080, 80),
      (policies, port) => {
        const without = shopWithServices(policiesYaml(policies), { services: false }).topology();
        const ws = shopWithServices(policiesYaml(policies), { services: false });
        ws.setFile({ path: 'services-only.yaml', text: serviceObjects });
        const withServices = ws.topology();
        assert.ok(servicesOf(withServices).services.length > 0);
        assert.deepEqual(computeMatrix(withServices, port, 'TCP'), computeMatrix(without, port, 'TCP'));
      },
    ),
    { numRuns: 25 },
  );
});
