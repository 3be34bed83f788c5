// The matrix view's extras on the realistic sample (samples/shop): each pod's workload, and the
// declared-ports mode checked pair by pair against evaluateConnection on every declared port.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { computeMatrix } from '../../../server/src/engine/matrix';
import { explainDeclaredCell, viewMatrix } from '../../../server/src/engine/matrixView';
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

void describe('viewMatrix', () => {
  void test('one port: the plain matrix, plus the workload that owns each pod', () => {
    const m = viewMatrix(t, 8080, 'TCP', 'port');
    const plain = computeMatrix(t, 8080, 'TCP');
    assert.deepEqual([m.pods, m.allowed, m.declared], [plain.pods, plain.allowed, undefined]);
    assert.equal(m.pods.length, 29);
    const web = m.pods.flatMap((p, i) => (p.startsWith('storefront/web-') ? [m.owners[i]] : []));
    assert.deepEqual(web, ['Deployment/web', 'Deployment/web', 'Deployment/web']);
  });

  void test('declared ports: each pair on every port its destination declares', () => {
    const m = viewMatrix(t, 8080, 'TCP', 'declared');
    assert.ok(m.declared && m.declared.partial.length > 0);
    const { ports, of, partial } = m.declared;
    const allowed = new Set(m.allowed.map(([a, b]) => `${a} ${b}`));
    const partly = new Map(partial.map(([a, b, open]) => [`${a} ${b}`, open]));
    const pods = m.pods.map((k) => findPod(t, k).pod!);
    pods.forEach((src, i) =>
      pods.forEach((dst, j) => {
        const pair = `${podKey(src)} ${podKey(dst)}`;
        if (i === j) return assert.ok(allowed.has(pair), pair);
        const open = of[j]!.filter(
          (k) => evaluateConnection(t, src, dst, ports[k]!.port, ports[k]!.protocol).allowed,
        );
        const all = of[j]!.length > 0 && open.length === of[j]!.length;
        assert.equal(allowed.has(pair), all, pair);
        assert.deepEqual(partly.get(pair)?.sort(), !all && open.length ? open.sort() : undefined, pair);
      }),
    );
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
