import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policyLocation } from '../../../client/src/locations';
import type { TopologyResult } from '../../../server/src/protocol/requests';

const t: TopologyResult = {
  nodes: [
    { name: 'node-1', ip: '192.168.56.11', podCIDR: '10.244.0.0/24', synthesized: false },
    { name: 'node-2', ip: '192.168.56.12', podCIDR: '10.244.1.0/24', synthesized: false },
  ],
  pods: ['web', 'backend', 'db'].map((n) => ({
    key: `default/${n}`,
    namespace: 'default',
    name: n,
    node: 'node-1',
    ip: '10.244.0.2',
    labels: {},
    ports: [],
  })),
  policies: [
    { key: 'default/backend-access-ingress', file: 'file:///w/samples/seed-policies-fixed.yaml', line: 2 },
    { key: 'default/db-access-ingress', file: '/w/samples/seed-policies-fixed.yaml', line: 18 },
    { key: 'default/win', file: 'C:\\w\\p.yaml', line: -3 },
  ],
  backend: 'vxlan',
  network: '10.244.0.0/16',
  enforcement: true,
};

void describe('policyLocation', () => {
  void it('tells URIs from paths and keeps the 0-based line', () => {
    assert.deepEqual(policyLocation(t, 'default/backend-access-ingress'), {
      file: 'file:///w/samples/seed-policies-fixed.yaml',
      isUri: true,
      line: 2,
    });
    assert.deepEqual(policyLocation(t, 'default/db-access-ingress'), {
      file: '/w/samples/seed-policies-fixed.yaml',
      isUri: false,
      line: 18,
    });
    assert.deepEqual(policyLocation(t, 'default/win'), { file: 'C:\\w\\p.yaml', isUri: false, line: 0 });
    assert.equal(policyLocation(t, 'default/gone'), undefined);
  });
});
