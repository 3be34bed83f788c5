// The matrix view on the realistic sample (samples/shop): each pod's workload, the verdicts by class
// against the plain matrix, and the declared-ports mode checked pair by pair against
// evaluateConnection on every declared port.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { computeMatrix } from '../../../server/src/engine/matrix';
import { explainDeclaredCell, viewMatrix } from '../../../server/src/engine/matrixView';
import type { ClassReach } from '../../../server/src/engine/matrixView';
import type { Topology } from '../../../server/src/engine/model';
import { podKey } from '../../../server/src/engine/model';
import { evaluateConnection } from '../../../server/src/engine/reachability';
import { findPod } from '../../../server/src/engine/topology';
import { Workspace } from '../../../server/src/engine/workspace';
import { repoRoot } from '../../helpers/paths';

function shop(): Topology {
  const ws = new Workspace();
  const dir = path.join(repoRoot, 'samples', 'shop');
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String))
    if (f.endsWith('.yaml')) ws.setFile({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  return ws.topology();
}

const t = shop();

/** Whether pod i reaches pod j according to a class table. */
const reaches = (r: ClassReach, i: number, j: number): boolean =>
  i === j || r.reaches[r.classOf[i]!]!.includes(r.classOf[j]!);

void describe('viewMatrix', () => {
  void test('one port: the plain matrix as classes, plus the workload that owns each pod', () => {
    const m = viewMatrix(t, 8080, 'TCP', 'port');
    const plain = computeMatrix(t, 8080, 'TCP');
    assert.deepEqual(
      [m.pods, m.classes, m.allowed, m.declared],
      [plain.pods, plain.classes, undefined, undefined],
    );
    const pairs = m.pods.flatMap((a, i) =>
      m.pods.flatMap((b, j) => (reaches(m.reach!, i, j) ? [[a, b]] : [])),
    );
    assert.deepEqual(pairs, plain.allowed);
    assert.equal(m.reach!.classOf.length, 29);
    assert.equal(m.reach!.reaches.length, plain.classes);
    assert.equal(m.pods.length, 29);
    const web = m.pods.flatMap((p, i) => (p.startsWith('storefront/web-') ? [m.owners[i]] : []));
    assert.deepEqual(web, ['Deployment/web', 'Deployment/web', 'Deployment/web']);
  });

  void test('declared ports: each pair on every port its destination declares, as classes per port', () => {
    const m = viewMatrix(t, 8080, 'TCP', 'declared');
    assert.ok(m.declared?.reach);
    const { ports, of, reach } = m.declared;
    assert.equal(reach.length, ports.length);
    const pods = m.pods.map((k) => findPod(t, k).pod!);
    let partly = 0;
    pods.forEach((src, i) =>
      pods.forEach((dst, j) => {
        const pair = `${podKey(src)} ${podKey(dst)}`;
        const expected = of[j]!.filter(
          (k) => i === j || evaluateConnection(t, src, dst, ports[k]!.port, ports[k]!.protocol).allowed,
        );
        assert.deepEqual(
          of[j]!.filter((k) => reaches(reach[k]!, i, j)),
          expected,
          pair,
        );
        if (expected.length && expected.length < of[j]!.length) partly++;
      }),
    );
    assert.ok(partly > 0, 'some pairs are allowed on some ports only');
  });

  void test('explains a pair port by port', () => {
    const web = m0('storefront/web-');
    const coredns = m0('kube-system/coredns-');
    const why = explainDeclaredCell(t, web, coredns);
    assert.equal(why?.allowed, false);
    assert.deepEqual(
      why?.explanation.filter((l) => !l.startsWith('  ')),
      ['UDP 53 (dns): allowed.', 'TCP 53 (dns-tcp): allowed.', 'TCP 9153 (metrics): denied.'],
    );
    assert.equal(explainDeclaredCell(t, 'nowhere/x', coredns), undefined);
  });
});

function m0(prefix: string): string {
  return t.pods
    .map(podKey)
    .filter((k) => k.startsWith(prefix))
    .sort()[0]!;
}
