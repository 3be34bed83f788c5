// Property: the proof compares one port of each class of ports alike (portClasses.ts), so every port
// of a class must give every pair of pods, and a pod and an address, the verdict its first port gives,
// in both revisions of an edit (here: random policies, and the same without some of them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { onEveryPort, portClasses } from '../../../../server/src/engine/intent/portClasses';
import type { PortOf } from '../../../../server/src/engine/intent/portClasses';
import type { Pod } from '../../../../server/src/engine/model';
import { podKey } from '../../../../server/src/engine/model';
import { evaluateConnection } from '../../../../server/src/engine/reachability';
import { PROTOCOLS } from '../../../../server/src/engine/types';
import { clusterArbitrary, topologyOf } from '../../../helpers/clusterGen';
import { intentRuns } from './workspaces';

// Around every port and range end the generator writes, and the ends of the port space.
const CHECKED: PortOf[] = [1, 52, 53, 54, 79, 80, 81, 82, 8079, 8080, 8081, 8999, 9000, 9001, 65535].flatMap(
  (port) => PROTOCOLS.map((protocol) => ({ port, protocol })),
);

void test('every port of a class gives every connection the verdict of the class’s first port, before and after', () => {
  fc.assert(
    fc.property(clusterArbitrary({ namespaces: 3, pods: 6, policies: 6 }), fc.nat(), ({ spec }, cut) => {
      const before = topologyOf(spec);
      const kept = spec.policies.filter((_, i) => i % (2 + (cut % 3)) !== 0);
      const after = topologyOf({ ...spec, policies: kept });
      const classes = portClasses([before, after], CHECKED);
      assert.deepEqual([...classes.values()].flat().length, CHECKED.length);
      for (const t of [before, after]) {
        const ends: (Pod | string)[] = [...t.pods, '203.0.113.9'];
        for (const a of ends)
          for (const b of ends) {
            if (a === b || (typeof a === 'string' && typeof b === 'string')) continue;
            for (const [head, members] of classes) {
              const verdict = evaluateConnection(t, a, b, head.port, head.protocol).allowed;
              for (const m of members)
                assert.equal(
                  evaluateConnection(t, a, b, m.port, m.protocol).allowed,
                  verdict,
                  `${typeof a === 'string' ? a : podKey(a)} → ${typeof b === 'string' ? b : podKey(b)} on ${m.protocol} ${m.port} (class of ${head.port})`,
                );
            }
          }
      }
    }),
    intentRuns(100),
  );
});

void test('a change found on the first port of a class is listed on every port of it, in the order checked', () => {
  const at = (port: number, protocol: PortOf['protocol'] = 'TCP') =>
    CHECKED.find((p) => p.port === port && p.protocol === protocol)!;
  const classes = new Map<PortOf, PortOf[]>([
    [at(1), [at(1), at(54), at(79)]],
    [at(53), [at(53)]],
    [at(1, 'UDP'), [at(1, 'UDP')]],
  ]);
  const found = [
    { from: 'a', port: 53, protocol: 'TCP' as const },
    { from: 'b', port: 1, protocol: 'TCP' as const },
    { from: 'c', port: 1, protocol: 'UDP' as const },
  ];
  assert.deepEqual(
    onEveryPort(found, classes, [at(1), at(53), at(54), at(79), at(1, 'UDP')]).map(
      (c) => `${c.from} ${c.protocol} ${c.port}`,
    ),
    ['b TCP 1', 'a TCP 53', 'b TCP 54', 'b TCP 79', 'c UDP 1'],
  );
});
