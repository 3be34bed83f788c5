// The Service hover's reachability, judged once per equivalence class of sources, against the
// pod-by-pod oracle (every pod but the endpoints, evaluated alone): same totals, same groups with the
// same counts, and every pod named in a group is one the oracle lets in for that reason.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { podKey } from '../../../../server/src/engine/model';
import type { Topology } from '../../../../server/src/engine/model';
import { evaluateConnection } from '../../../../server/src/engine/reachability';
import { servicesOf } from '../../../../server/src/engine/services';
import { describeService } from '../../../../server/src/engine/services/describe';
import { Workspace } from '../../../../server/src/engine/workspace';
import { samplesDir } from '../../../helpers/paths';
import { shopWithServices } from './cluster';

function shopSample(): Topology {
  const dir = path.join(samplesDir, '..', 'shop');
  const ws = new Workspace();
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String))
    if (f.endsWith('.yaml'))
      ws.setFile({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') });
  return ws.topology();
}

/** Reason → pods allowed, pod by pod (what the hover computed before classes). */
function oracle(
  topology: Topology,
  key: string,
  index: number,
): { total: number; groups: Map<string, string[]> } {
  const service = servicesOf(topology).byKey.get(key)!;
  const serving = service.endpoints.filter((e) => e.targetPorts[index] !== null && e.pod);
  const target = serving[0]!.pod!;
  const port = serving[0]!.targetPorts[index]!;
  const behind = new Set(serving.map((e) => e.pod));
  const sources = topology.pods.filter((p) => !behind.has(p));
  const groups = new Map<string, string[]>();
  for (const src of sources) {
    const v = evaluateConnection(topology, src, target, port, service.ports[index]!.protocol);
    if (!v.allowed) continue;
    const reason = v.ingress?.isolated
      ? [
          ...new Set(v.ingress.allowedBy.map((a) => `${podKey(a.policy)} ingress rule ${a.ruleIndex + 1}`)),
        ].join(', ')
      : `no policy isolates ${podKey(target)} for ingress`;
    groups.set(reason, [...(groups.get(reason) ?? []), podKey(src)]);
  }
  return { total: sources.length, groups };
}

void describe('Service hover reachability by equivalence classes', () => {
  for (const [name, topology] of [
    ['samples/shop', shopSample()],
    ['the small shop', shopWithServices().topology()],
  ] as const)
    void it(`matches the pod-by-pod oracle on every Service port of ${name}`, () => {
      let checked = 0;
      for (const service of servicesOf(topology).services) {
        service.ports.forEach((_, index) => {
          if (!service.endpoints.some((e) => e.pod && e.targetPorts[index] !== null)) return;
          const got = describeService(topology, service, index).ports[0]!;
          const want = oracle(topology, `${service.namespace}/${service.name}`, index);
          const where = `${service.namespace}/${service.name} port ${index}`;
          assert.equal(got.total, want.total, where);
          assert.equal(
            got.allowed,
            [...want.groups.values()].reduce((n, g) => n + g.length, 0),
            where,
          );
          assert.deepEqual(
            got.groups.map((g) => [g.reason, g.count]).sort(),
            [...want.groups].map(([r, pods]) => [r, pods.length]).sort(),
            where,
          );
          for (const g of got.groups) {
            assert.equal(g.first.length, Math.min(3, g.count), where);
            for (const pod of g.first)
              assert.ok(want.groups.get(g.reason)?.includes(pod), `${where}: ${pod}`);
          }
          checked++;
        });
      }
      assert.ok(checked >= 3, `${checked} Service ports checked`);
    });
});
