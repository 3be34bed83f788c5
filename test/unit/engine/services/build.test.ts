// Services in the topology: ClusterIPs given or allocated, nodePorts, endpoints with targetPorts
// resolved per pod, selector-less Services, headless and ExternalName, and the cluster DNS.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servicesOf } from '../../../../server/src/engine/services';
import type { Service } from '../../../../server/src/engine/services';
import type { Workspace } from '../../../../server/src/engine/workspace';
import { shopWithServices } from './cluster';

const svc = (ws: Workspace, key: string): Service => {
  const s = servicesOf(ws.topology()).byKey.get(key);
  assert.ok(s, key);
  return s;
};

void describe('Services in the topology', () => {
  const ws = shopWithServices();

  void it('keeps a given ClusterIP and allocates the others inside the service CIDR, never .1 or .10', () => {
    assert.equal(svc(ws, 'shop/db').clusterIP, '10.96.100.20');
    assert.equal(svc(ws, 'shop/db').clusterIPAllocated, false);
    const api = svc(ws, 'shop/api');
    assert.match(api.clusterIP ?? '', /^10\.(9[6-9]|10[0-9]|11[01])\./);
    assert.ok(api.clusterIPAllocated);
    assert.notEqual(api.clusterIP, '10.96.0.1');
    assert.notEqual(api.clusterIP, '10.96.0.10');
  });

  void it('resolves a named targetPort per endpoint pod', () => {
    const pg = svc(ws, 'shop/pg');
    assert.deepEqual(
      pg.endpoints.map((e) => [e.key, e.nodeName, e.targetPorts]),
      [
        ['shop/pg-0', 'node-b', [15432]],
        ['shop/pg-1', 'node-a', [15432]],
      ],
    );
    assert.equal(pg.ports[0]?.targetPort, 'postgres');
    assert.deepEqual(svc(ws, 'shop/empty').endpoints, []);
  });

  void it('allocates nodePorts in 30000-32767 for NodePort Services and keeps the given ones', () => {
    const web = svc(ws, 'shop/web');
    assert.equal(web.type, 'NodePort');
    assert.equal(web.ports[0]?.nodePort, 30080);
    const port = web.ports[1]?.nodePort ?? 0;
    assert.ok(port >= 30000 && port <= 32767 && port !== 30080, String(port));
  });

  void it('takes the endpoints of a Service without a selector from its EndpointSlice', () => {
    const ext = svc(ws, 'shop/legacy');
    assert.equal(ext.selector, undefined);
    assert.deepEqual(
      ext.endpoints.map((e) => [e.key, e.targetPorts]),
      [['192.168.56.200', [5000]]],
    );
  });

  void it('records headless and ExternalName Services without a ClusterIP', () => {
    assert.equal(svc(ws, 'shop/db-headless').headless, true);
    assert.equal(svc(ws, 'shop/db-headless').clusterIP, null);
    assert.equal(svc(ws, 'shop/payments').type, 'ExternalName');
    assert.equal(svc(ws, 'shop/payments').clusterIP, null);
  });

  void it('synthesizes the cluster DNS when the workspace declares none, outside the pod list', () => {
    const { dns } = servicesOf(ws.topology());
    assert.equal(dns.synthesized, true);
    assert.equal(dns.service.clusterIP, '10.96.0.10');
    assert.equal(dns.pods.length, 2);
    const ips = new Set(ws.topology().pods.map((p) => p.ip));
    assert.ok(dns.pods.every((p) => !ips.has(p.ip) && p.labels['k8s-app'] === 'kube-dns'));
    assert.ok(ws.topology().pods.every((p) => p.namespace !== 'kube-system'));
  });

  void it('allocates from the service CIDR option', () => {
    const other = shopWithServices('', { serviceCIDR: '172.20.0.0/16' });
    assert.match(svc(other, 'shop/api').clusterIP ?? '', /^172\.20\./);
    assert.equal(servicesOf(other.topology()).dns.service.clusterIP, '172.20.0.10');
  });
});
