// Same input, byte-identical trace; unknown or ambiguous names give one-line errors with suggestions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { traceConnection } from '../../../../server/src/engine/dataplane';
import type { TraceRequest } from '../../../../server/src/engine/dataplane';
import { shopCluster } from './cluster';

void describe('determinism', () => {
  void it('gives byte-identical JSON for the same input, in fresh workspaces', () => {
    const requests: TraceRequest[] = [
      { from: 'shop/api', to: 'shop/db', port: 5432, protocol: 'TCP' },
      { from: 'shop/cache', to: 'shop/db', port: 5432, protocol: 'TCP' },
      { from: 'shop/api', to: '93.184.216.34', port: 443, protocol: 'TCP' },
    ];
    for (const req of requests) {
      const first = JSON.stringify(traceConnection(shopCluster(), req));
      const second = JSON.stringify(traceConnection(shopCluster(), req));
      assert.equal(first, second);
    }
  });
});

void describe('trace errors', () => {
  const topology = shopCluster();
  const run = (from: string, to: string, port = 80) =>
    traceConnection(topology, { from, to, port, protocol: 'TCP' });

  void it('names the closest pods for an unknown pod', () => {
    assert.deepEqual(run('shop/dbb', 'shop/api'), {
      error: 'no source pod or workload "shop/dbb" in the workspace',
      suggestions: ['shop/db', 'shop/api', 'shop/cache'],
    });
    assert.deepEqual(run('shop/api', 'chache'), {
      error: 'no destination pod or workload "chache" in the workspace',
      suggestions: ['shop/cache', 'shop/api', 'shop/client'],
    });
  });

  void it('lists the candidates of an ambiguous name', () => {
    assert.deepEqual(run('api', 'shop/db'), {
      error: 'source name "api" is ambiguous: give its namespace',
      suggestions: ['shop/api', 'staging/api'],
    });
  });

  void it('accepts a unique bare name and a pod IP', () => {
    const byName = run('client', 'cache', 6379);
    assert.ok(!('error' in byName) && byName.from === 'shop/client' && byName.to === 'shop/cache');
    const byIP = run('shop/api', '10.244.1.7', 5432);
    assert.ok(!('error' in byIP) && byIP.to === '10.244.1.7' && byIP.verdict === 'delivered');
  });

  void it('rejects malformed addresses, ports and protocols in one line', () => {
    assert.equal(
      (run('shop/api', '10.244.0.300') as { error: string }).error,
      'destination "10.244.0.300" is neither a pod (ns/name) nor an IPv4 address',
    );
    assert.equal(
      (run('shop/api', '224.0.0.1') as { error: string }).error,
      'destination 224.0.0.1 is not a unicast address',
    );
    assert.equal(
      (run('shop/api', 'shop/db', 0) as { error: string }).error,
      'port must be an integer from 1 to 65535 (got 0)',
    );
    const badProtocol = traceConnection(topology, {
      from: 'shop/api',
      to: 'shop/db',
      port: 1,
      protocol: 'ICMP' as 'TCP',
    });
    assert.equal(
      (badProtocol as { error: string }).error,
      'protocol must be one of TCP, UDP, SCTP (got ICMP)',
    );
  });

  void it('explains why a pod the model could not place cannot be traced', () => {
    const extra =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: stray, namespace: shop}\nspec: {nodeName: node-a, containers: [{name: c, image: busybox}]}\nstatus: {podIP: 10.244.1.99}\n';
    const result = traceConnection(shopCluster({ extra }), {
      from: 'shop/stray',
      to: 'shop/db',
      port: 1,
      protocol: 'TCP',
    });
    assert.deepEqual(result, {
      error: "shop/stray cannot be traced: 10.244.1.99 is outside node-a's podCIDR 10.244.0.0/24",
      suggestions: [],
    });
  });

  void it('says so when the workspace has no pods', () => {
    const result = traceConnection(
      { ...topology, pods: [] },
      { from: 'web', to: 'db', port: 1, protocol: 'TCP' },
    );
    assert.deepEqual(result, { error: 'no source pod "web": the workspace has no pods', suggestions: [] });
  });
});
