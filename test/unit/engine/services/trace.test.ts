// Traces through Services: kube-proxy's DNAT (chains named as kube-proxy names them), policies seeing
// the endpoint and targetPort, the DNS leg, endpoints chosen, no endpoints, and the --to forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32, sha256 } from '../../../../server/src/engine/dataplane/sha256';
import { serviceChain } from '../../../../server/src/engine/dataplane/kubeProxyRules';
import type { Service } from '../../../../server/src/engine/services';
import { servicesOf } from '../../../../server/src/engine/services';
import { shopWithServices, trace, traceError } from './cluster';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

void describe('kube-proxy chain names', () => {
  void it('sha256 matches the FIPS 180-4 test vectors', () => {
    assert.equal(hex(sha256('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(hex(sha256('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(
      hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  void it('names KUBE-SVC chains exactly as kube-proxy does on a real cluster', () => {
    const svc = (namespace: string, name: string, ports: Service['ports']): Service => ({
      namespace,
      name,
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPAllocated: false,
      headless: false,
      ports,
      endpoints: [],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      synthesized: false,
    });
    const port = (name: string, p: number, protocol: 'TCP' | 'UDP') => ({
      name,
      port: p,
      protocol,
      targetPort: p,
      nodePortAllocated: false,
    });
    const dns = svc('kube-system', 'kube-dns', [port('dns', 53, 'UDP'), port('dns-tcp', 53, 'TCP')]);
    assert.equal(serviceChain(dns, dns.ports[0]!), 'KUBE-SVC-TCOU7JCQXEZGVUNU');
    assert.equal(serviceChain(dns, dns.ports[1]!), 'KUBE-SVC-ERIFXISQEP7F7OF4');
    const api = svc('default', 'kubernetes', [port('https', 443, 'TCP')]);
    assert.equal(serviceChain(api, api.ports[0]!), 'KUBE-SVC-NPX46M4PTMTKRN6Y');
    assert.equal(base32(new Uint8Array([0x66, 0x6f, 0x6f])), 'MZXW6');
  });
});

void describe('a trace to svc/ns/name', () => {
  const topology = shopWithServices().topology();
  const pg = servicesOf(topology).byKey.get('shop/pg')!;
  const t = trace(topology, { from: 'shop/api', to: 'svc/shop/pg' });

  void it('DNATs ClusterIP:port to the first endpoint and its targetPort in the source node root netns', () => {
    const nat = t.hops.filter((h) => h.nat);
    assert.equal(nat.length, 1);
    const hop = nat[0]!;
    assert.deepEqual([hop.node, hop.netns], ['node-a', 'root']);
    assert.equal(hop.nat?.type, 'DNAT');
    assert.equal(hop.nat?.from, `${pg.clusterIP}:5432`);
    assert.equal(hop.nat?.to, '10.244.1.20:15432');
    assert.match(
      hop.nat?.rule ?? '',
      /^-A KUBE-SEP-[A-Z2-7]{16} -p tcp .* -j DNAT --to-destination 10\.244\.1\.20:15432$/,
    );
    assert.deepEqual(
      hop.entries.map((e) => e.text.split(' ').slice(0, 2).join(' ')),
      ['-A KUBE-SERVICES', `-A ${hop.entries[1]!.text.split(' ')[1]}`],
    );
    assert.match(hop.entries[1]!.text, /--probability 0\.5000000000 -j KUBE-SEP-/);
    assert.deepEqual(hop.packet.ip.dst, '10.244.1.20');
    assert.equal(hop.packet.l4.dstPort, 15432);
  });

  void it('reports the Service, delivers to the endpoint across the overlay and states the un-NAT last', () => {
    assert.equal(t.verdict, 'delivered');
    assert.deepEqual(t.service, {
      name: 'shop/pg',
      clusterIP: pg.clusterIP,
      port: 5432,
      targetPort: 15432,
      endpoint: 'shop/pg-0',
      endpoints: ['shop/pg-0', 'shop/pg-1'],
    });
    assert.equal(t.dns, null);
    assert.ok(t.hops.some((h) => h.step === '3b'));
    assert.match(t.hops.at(-1)!.action, /un-DNATed by conntrack on node-a back to .*:5432/);
    assert.equal(t.to, 'svc/shop/pg');
    assert.match(t.notes?.[0] ?? '', /picks one of the 2 endpoints at random.*--endpoint shop\/pg-1/);
  });

  void it('gives every hop a nat field, null where nothing is rewritten', () => {
    assert.ok(t.hops.every((h) => h.nat === null || h.nat?.type === 'DNAT'));
  });

  void it('follows --endpoint: pg-1 on the source node is reached back through cni0', () => {
    const local = trace(topology, { from: 'shop/api', to: 'svc/shop/pg', endpoint: 'shop/pg-1' });
    assert.equal(local.service?.endpoint, 'shop/pg-1');
    assert.deepEqual(
      local.hops.map((h) => h.step),
      ['1', '1', '2', null, null, '6c', '7', null, '8', '8'],
    );
  });

  void it('takes --port as the Service port, by number or name, and says when it is the targetPort', () => {
    assert.equal(
      trace(topology, { from: 'shop/api', to: 'svc/shop/pg', port: 0, portName: 'postgres' }).verdict,
      'delivered',
    );
    assert.match(
      traceError(topology, { from: 'shop/api', to: 'svc/shop/pg', port: 15432 }).error,
      /has no port 15432\/TCP \(its ports: postgres 5432\/TCP; --port takes the Service port, not the targetPort\)/,
    );
    assert.deepEqual(
      traceError(topology, { from: 'shop/api', to: 'svc/shop/pg', endpoint: 'shop/db' }).suggestions,
      ['shop/pg-0', 'shop/pg-1'],
    );
  });
});

void describe('an endpoint reaching itself through its Service (hairpin)', () => {
  const denyPg = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: pg-closed, namespace: shop}
spec:
  podSelector: {matchLabels: {app: pg}}
  policyTypes: [Ingress, Egress]
`;
  const t = trace(shopWithServices(denyPg).topology(), {
    from: 'shop/pg-0',
    to: 'svc/shop/pg',
    endpoint: 'shop/pg-0',
  });

  void it('comes back out of its own veth through cni0, masqueraded to cni0, with no policy check', () => {
    assert.equal(t.verdict, 'delivered');
    assert.deepEqual(
      t.hops.map((h) => [h.step, h.netns, h.device]),
      [
        ['1', 'shop/pg-0', 'eth0'],
        ['1', 'root', t.hops[1]!.device],
        ['2', 'root', 'cni0'],
        [null, 'root', 'cni0'],
        [null, 'root', 'cni0'],
        ['6c', 'root', 'cni0'],
        ['7', 'root', 'cni0'],
        ['8', 'root', t.hops[1]!.device],
        ['8', 'shop/pg-0', 'eth0'],
      ],
    );
    assert.ok(t.hops.every((h) => !h.policy));
    const snat = t.hops[4]!;
    assert.equal(snat.nat?.type, 'SNAT');
    assert.match(snat.nat!.from, /^10\.244\.1\.20:\d+$/);
    assert.match(snat.nat!.to, /^10\.244\.1\.1:\d+$/);
    assert.match(snat.entries[0]!.text, /^-A KUBE-SEP-\w{16} -s 10\.244\.1\.20\/32 .* -j KUBE-MARK-MASQ$/);
    assert.deepEqual(
      [t.hops.at(-1)!.packet.ip.src, t.hops.at(-1)!.packet.ip.dst, t.hops.at(-1)!.packet.l4.dstPort],
      ['10.244.1.1', '10.244.1.20', 15432],
    );
    assert.match(t.hops.at(-2)!.action, /hairpin/);
  });
});

void describe('policies see the connection after the DNAT', () => {
  const topology = shopWithServices().topology();

  void it('client → svc/shop/pg is dropped by its egress on the targetPort, and says so', () => {
    const t = trace(topology, { from: 'shop/client', to: 'svc/shop/pg' });
    assert.equal(t.verdict, 'dropped');
    assert.deepEqual([t.drop?.reason, t.drop?.stage, t.drop?.direction], ['policy', 'connection', 'egress']);
    assert.match(t.summary, /no rule allows TCP 15432 to shop\/pg-0; through Service shop\/pg/);
    const check = t.hops.findIndex((h) => h.policy);
    const dnat = t.hops.findIndex((h) => h.nat);
    assert.ok(dnat >= 0 && check > dnat, 'the egress check comes after the DNAT');
  });

  void it('a Service without endpoints is rejected by kube-proxy: no-endpoints', () => {
    const t = trace(topology, { from: 'shop/api', to: 'svc/shop/empty', port: 80 });
    assert.deepEqual([t.verdict, t.drop?.reason, t.drop?.stage], ['dropped', 'no-endpoints', 'connection']);
    assert.match(t.hops.at(-1)!.entries[0]!.text, /has no endpoints" .* -j REJECT/);
    assert.equal(t.service?.endpoint, null);
  });
});

void describe('Service names go through DNS first', () => {
  const topology = shopWithServices().topology();

  for (const to of ['pg', 'pg.shop', 'pg.shop.svc', 'pg.shop.svc.cluster.local']) {
    void it(`${to}: asks kube-dns for pg.shop.svc.cluster.local, then connects to the ClusterIP`, () => {
      const t = trace(topology, { from: 'shop/api', to });
      const pg = servicesOf(topology).byKey.get('shop/pg')!;
      assert.equal(t.dns?.query, 'pg.shop.svc.cluster.local');
      assert.deepEqual(t.dns?.answer, [pg.clusterIP]);
      assert.equal(t.dns?.verdict, 'delivered');
      assert.equal(t.dns?.hops[0]?.packet.ip.dst, '10.96.0.10');
      assert.equal(t.dns?.hops[0]?.packet.l4.dstPort, 53);
      assert.equal(t.dns?.hops.find((h) => h.nat)?.nat?.to.endsWith(':53'), true);
      assert.match(t.dns?.hops.at(-1)?.netns ?? '', /^kube-system\/coredns-/);
      assert.equal(t.verdict, 'delivered');
    });
  }

  void it('a headless Service resolves to the pod addresses and connects without DNAT', () => {
    const t = trace(topology, { from: 'shop/api', to: 'db-headless' });
    assert.deepEqual(t.dns?.answer, ['10.244.1.7']);
    assert.ok(t.hops.every((h) => h.nat === null));
    assert.equal(t.service?.clusterIP, null);
  });

  void it('a lost DNS query ends the trace before the connection (stage dns)', () => {
    const noDns = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress:
    - to: [{podSelector: {matchLabels: {app: pg}}}]
`;
    const t = trace(shopWithServices(noDns).topology(), { from: 'shop/api', to: 'pg' });
    assert.deepEqual(
      [t.verdict, t.drop?.stage, t.drop?.reason, t.drop?.pod],
      ['dropped', 'dns', 'policy', 'shop/api'],
    );
    assert.deepEqual(t.hops, []);
    assert.equal(t.dns?.verdict, 'dropped');
    assert.deepEqual(t.dns?.answer, []);
    assert.match(t.summary, /DNS query for pg\.shop\.svc\.cluster\.local .* lookup timeout/);
  });

  void it('an unknown Service name is an error naming the closest Services', () => {
    const e = traceError(topology, { from: 'shop/api', to: 'pgg.shop' });
    assert.equal(e.error, 'no Service "shop/pgg" in the workspace');
    assert.deepEqual(e.suggestions.slice(0, 1), ['svc/shop/pg']);
  });
});

void describe('which of a pod and a Service --to names', () => {
  const topology = shopWithServices().topology();

  void it('ns/name of both takes the pod and says how to pick the Service', () => {
    const t = trace(topology, { from: 'shop/api', to: 'shop/db' });
    assert.equal(t.service, null);
    assert.deepEqual(t.notes, [
      '"shop/db" names both the pod shop/db and the Service shop/db: traced to the pod; use --to svc/shop/db for the Service',
    ]);
  });

  void it('a ClusterIP and ns/name of a Service only are Service traces', () => {
    const ip = servicesOf(topology).byKey.get('shop/api')!.clusterIP!;
    assert.equal(trace(topology, { from: 'shop/client', to: ip, port: 80 }).service?.name, 'shop/api');
    assert.equal(trace(topology, { from: 'shop/client', to: 'shop/pg' }).service?.name, 'shop/pg');
  });
});

void describe('from outside the cluster through a nodePort', () => {
  const topology = shopWithServices().topology();

  void it('Cluster: DNAT at the entry node, masquerade, overlay to the endpoint', () => {
    const t = trace(topology, { from: '203.0.113.7', to: '192.168.56.12', port: 30080 });
    assert.equal(t.verdict, 'delivered');
    const nats = t.hops.flatMap((h) => (h.nat ? [[h.node, h.nat.type, h.nat.to]] : []));
    assert.deepEqual(
      nats.map((n) => n.slice(0, 2)),
      [
        ['node-b', 'DNAT'],
        ['node-b', 'SNAT'],
      ],
    );
    assert.equal(nats[0]![2], '10.244.0.6:8080');
    assert.match(String(nats[1]![2]), /^10\.244\.1\.0:\d+$/);
    assert.ok(t.hops.some((h) => h.encapsulation));
    assert.equal(t.hops.at(-1)?.packet.ip.src, '10.244.1.0');
    assert.equal(t.service?.nodePort, 30080);
  });

  void it('an ingress ipBlock for the client does not match after the masquerade; Local keeps the client', () => {
    const partners = (policy: 'Cluster' | 'Local') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: partners, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{ipBlock: {cidr: 203.0.113.0/24}}]
---
apiVersion: v1
kind: Service
metadata: {name: partner-api, namespace: shop}
spec:
  type: NodePort
  externalTrafficPolicy: ${policy}
  selector: {app: api}
  ports: [{port: 8080, nodePort: 31000}]
`;
    const cluster = trace(shopWithServices(partners('Cluster')).topology(), {
      from: '203.0.113.7',
      to: '192.168.56.11',
      port: 31000,
    });
    assert.deepEqual(
      [cluster.verdict, cluster.drop?.direction, cluster.drop?.policies],
      ['dropped', 'ingress', ['shop/partners']],
    );
    const local = trace(shopWithServices(partners('Local')).topology(), {
      from: '203.0.113.7',
      to: '192.168.56.11',
      port: 31000,
    });
    assert.equal(local.verdict, 'delivered');
    assert.ok(local.hops.every((h) => h.nat?.type !== 'SNAT'));
    assert.equal(local.hops.at(-1)?.packet.ip.src, '203.0.113.7');
    const elsewhere = trace(shopWithServices(partners('Local')).topology(), {
      from: '203.0.113.7',
      to: '192.168.56.12',
      port: 31000,
    });
    assert.deepEqual([elsewhere.verdict, elsewhere.drop?.reason], ['dropped', 'no-local-endpoint']);
  });

  void it('an outside client must name a nodePort or a NodePort/LoadBalancer Service', () => {
    assert.match(
      traceError(topology, { from: '203.0.113.7', to: 'shop/db' }).error,
      /reaches pods only through a NodePort or LoadBalancer Service/,
    );
    assert.match(
      traceError(topology, { from: '203.0.113.7', to: '192.168.56.12', port: 30999 }).error,
      /no Service has nodePort 30999\/TCP/,
    );
  });
});

void describe('internalTrafficPolicy Local', () => {
  const local = `apiVersion: v1
kind: Service
metadata:
  name: pg-local
  namespace: shop
spec:
  internalTrafficPolicy: Local
  selector:
    app: pg
  ports:
    - name: postgres
      port: 5432
      targetPort: postgres
`;
  const topology = shopWithServices(local).topology();

  void it('uses only the endpoints on the source pod node, through KUBE-SVL', () => {
    const t = trace(topology, { from: 'shop/api', to: 'svc/shop/pg-local' });
    assert.deepEqual(
      [t.verdict, t.service?.endpoint, t.service?.endpoints],
      ['delivered', 'shop/pg-1', ['shop/pg-1']],
    );
    const hop = t.hops.find((h) => h.nat)!;
    assert.equal(hop.nat?.to, '10.244.0.20:15432');
    const [jump, pick] = hop.entries.map((e) => e.text);
    assert.match(jump ?? '', /"shop\/pg-local:postgres cluster IP" .* -j KUBE-SVL-[A-Z2-7]{16}$/);
    assert.match(
      pick ?? '',
      /^-A KUBE-SVL-[A-Z2-7]{16} -m comment --comment "shop\/pg-local:postgres -> 10\.244\.0\.20:15432" -j KUBE-SEP-/,
    );
    assert.match(
      hop.action,
      /internalTrafficPolicy is Local, so only the endpoints on node-a count \(not the 1 on other nodes\); KUBE-SVL jumps to its only endpoint, shop\/pg-1,/,
    );
    assert.deepEqual(t.notes, [
      'Service shop/pg-local has internalTrafficPolicy Local: pods on node-a use only its endpoints on node-a (shop/pg-1); 1 on other nodes never receive their connections',
    ]);
  });

  void it('a pod on a node without an endpoint is dropped by kube-proxy: no-local-endpoint', () => {
    const t = trace(topology, { from: 'shop/cache', to: 'svc/shop/pg-local' });
    assert.deepEqual(
      [t.verdict, t.drop?.reason, t.drop?.stage, t.service?.endpoint, t.service?.endpoints],
      ['dropped', 'no-local-endpoint', 'connection', null, []],
    );
    const last = t.hops.at(-1)!;
    assert.deepEqual([last.node, last.netns, last.nat], ['node-c', 'root', null]);
    assert.match(last.entries[0]!.text, /"shop\/pg-local:postgres has no local endpoints" .* -j DROP$/);
    assert.deepEqual(t.drop?.explanation, [
      'Service shop/pg-local has internalTrafficPolicy Local and no endpoint for postgres 5432/TCP on node-c (its 2 endpoints are on other nodes): kube-proxy drops connections from pods on node-c. Run an endpoint on node-c (e.g. a DaemonSet) or set internalTrafficPolicy to Cluster',
    ]);
    assert.equal(
      t.hops.some((h) => h.policy),
      false,
      'dropped before any policy check',
    );
  });

  void it('--endpoint on another node is an error naming the local ones', () => {
    const e = traceError(topology, { from: 'shop/api', to: 'svc/shop/pg-local', endpoint: 'shop/pg-0' });
    assert.equal(
      e.error,
      'shop/pg-0 is not on node-a: Service shop/pg-local has internalTrafficPolicy Local, so pods on node-a reach only its endpoints there',
    );
    assert.deepEqual(e.suggestions, ['shop/pg-1']);
  });

  void it('Cluster (the default) still picks among every endpoint', () => {
    const t = trace(topology, { from: 'shop/cache', to: 'svc/shop/pg' });
    assert.deepEqual(t.service?.endpoints, ['shop/pg-0', 'shop/pg-1']);
    assert.match(t.hops.find((h) => h.nat)!.entries[1]!.text, /^-A KUBE-SVC-/);
  });
});
