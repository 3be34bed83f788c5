// The seed's scenario on the sample workspace (the broken as-written file excluded): web → db is
// dropped by default/db-access-ingress, backend → db is delivered, with the explanation sentences;
// and the selector/peer matching that hover and the lints rely on, with its reasons.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { computeMatrix, explainCell } from '../../../server/src/engine/matrix';
import type { Peer, Topology } from '../../../server/src/engine/model';
import { podKey } from '../../../server/src/engine/model';
import {
  evaluateConnection,
  matchPeer,
  matchPodSelector,
  podsSelectedBy,
} from '../../../server/src/engine/reachability';
import { findPod } from '../../../server/src/engine/topology';
import { Workspace } from '../../../server/src/engine/workspace';
import { fixedSeedFile, samplesDir } from '../../helpers/paths';

function samples(extra: Record<string, string> = {}): Topology {
  const ws = new Workspace();
  for (const f of fs.readdirSync(samplesDir).filter((f) => f !== 'seed-policies-as-written.yaml')) {
    ws.setFile({ path: f, text: fs.readFileSync(path.join(samplesDir, f), 'utf8') });
  }
  ws.setFile({ path: path.basename(fixedSeedFile), text: fs.readFileSync(fixedSeedFile, 'utf8') });
  for (const [p, text] of Object.entries(extra)) ws.setFile({ path: p, text });
  return ws.topology();
}

const t = samples();
const pod = (ref: string) => findPod(t, ref).pod!;

void describe('the seed scenario', () => {
  void test('web → db on TCP 5432 is denied by default/db-access-ingress', () => {
    const v = evaluateConnection(t, pod('web'), pod('db'), 5432, 'TCP');
    assert.equal(v.allowed, false);
    assert.equal(v.self, false);
    assert.deepEqual(
      { ...v.egress, isolatingPolicies: [] },
      {
        direction: 'egress',
        pod: 'default/web',
        isolated: false,
        isolatingPolicies: [],
        allowedBy: [],
        allowed: true,
      },
    );
    assert.equal(v.ingress!.isolated, true);
    assert.equal(v.ingress!.allowed, false);
    assert.deepEqual(v.ingress!.isolatingPolicies.map(podKey), ['default/db-access-ingress']);
    assert.deepEqual(v.explanation, [
      'default/web is not isolated for egress: no policy in namespace default selects it with policyType Egress.',
      'default/db is isolated for ingress by default/db-access-ingress; no ingress rule allows default/web on TCP 5432.',
      'default/web → default/db on TCP 5432 is denied by the ingress of default/db (default/db-access-ingress).',
    ]);
  });

  void test('backend → db on TCP 5432 is allowed by rule 1 of default/db-access-ingress', () => {
    const v = evaluateConnection(t, pod('backend'), pod('db'), 5432, 'TCP');
    assert.equal(v.allowed, true);
    assert.deepEqual(
      v.ingress!.allowedBy.map((a) => [podKey(a.policy), a.ruleIndex]),
      [['default/db-access-ingress', 0]],
    );
    assert.deepEqual(v.explanation.slice(1), [
      'default/db is isolated for ingress by default/db-access-ingress; ingress rule 1 of default/db-access-ingress allows default/backend on TCP 5432.',
      'default/backend → default/db on TCP 5432 is allowed.',
    ]);
  });

  void test('a pod to itself is always allowed; addresses outside the pods have no policy side', () => {
    const self = evaluateConnection(t, pod('db'), pod('db'), 5432, 'TCP');
    assert.deepEqual([self.allowed, self.self, self.ingress!.allowed], [true, true, false]);
    assert.equal(
      self.explanation[2],
      'default/db → default/db on TCP 5432 is allowed: NetworkPolicy never applies to traffic from a pod to itself.',
    );
    const out = evaluateConnection(t, pod('web'), '203.0.113.7', 443, 'TCP');
    assert.deepEqual([out.allowed, out.ingress], [true, null]);
    assert.equal(out.explanation[1], '203.0.113.7 is not a pod: no ingress policy applies.');
    const byIP = evaluateConnection(t, pod('web'), pod('db').ip, 5432, 'TCP');
    assert.equal(byIP.ingress!.pod, 'default/db', 'an address of a pod is that pod');
    assert.equal(byIP.allowed, false);
    const from = evaluateConnection(t, '203.0.113.7', pod('db'), 5432, 'TCP');
    assert.deepEqual([from.allowed, from.egress], [false, null]);
  });

  void test('the matrix on TCP 5432 and explainCell agree', () => {
    const m = computeMatrix(t, 5432, 'TCP');
    assert.deepEqual(m.pods, ['default/backend', 'default/db', 'default/web']);
    assert.deepEqual(m.allowed, [
      ['default/backend', 'default/backend'],
      ['default/backend', 'default/db'],
      ['default/backend', 'default/web'],
      ['default/db', 'default/db'],
      ['default/db', 'default/web'],
      ['default/web', 'default/backend'],
      ['default/web', 'default/web'],
    ]);
    assert.equal(m.classes, 3);
    assert.equal(explainCell(t, 'default/web', 'db', 5432, 'TCP')!.allowed, false);
    assert.equal(explainCell(t, 'backend', '10.9.9.9', 5432, 'TCP')!.allowed, true);
    assert.equal(explainCell(t, 'nobody', 'db', 5432, 'TCP'), undefined);
    assert.equal(explainCell(t, 'web', 'not-a-pod', 5432, 'TCP'), undefined);
  });
});

void describe('matching with reasons', () => {
  const peer = (p: Peer) => matchPeer(t, 'default', p);
  const sel = (matchLabels: Record<string, string>) => ({ matchLabels, matchExpressions: [] });

  void test('podsSelectedBy and matchPodSelector', () => {
    const db = t.policies.find((p) => p.name === 'db-access-ingress')!;
    assert.deepEqual(podsSelectedBy(t, db).map(podKey), ['default/db']);
    assert.deepEqual(matchPodSelector(t, 'default', sel({ role: 'cache' })), {
      pods: [],
      reason: 'no pod in namespace default has label role=cache',
    });
    assert.deepEqual(matchPodSelector(t, 'prod', sel({})), {
      pods: [],
      reason: 'namespace prod has no pods',
    });
  });

  void test('peers: namespaceSelector, both selectors, ipBlock, and each reason', () => {
    assert.deepEqual(peer({ namespaceSelector: sel({}) }).pods.map(podKey), [
      'default/web',
      'default/backend',
      'default/db',
    ]);
    assert.deepEqual(peer({ namespaceSelector: sel({ env: 'prod' }) }), {
      pods: [],
      reason: 'no namespace has label env=prod',
    });
    assert.deepEqual(peer({ namespaceSelector: sel({}), podSelector: sel({ role: 'db', app: 'other' }) }), {
      pods: [],
      reason: 'no pod in namespace default has label app=other',
    });
    assert.deepEqual(
      peer({
        namespaceSelector: sel({}),
        podSelector: {
          matchLabels: {},
          matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['web', 'backend', 'db'] }],
        },
      }),
      { pods: [], reason: 'every pod in namespace default has label role in (web, backend, db)' },
    );
    assert.deepEqual(peer({ podSelector: sel({ role: 'web', app: 'myapp' }) }).pods.map(podKey), [
      'default/web',
    ]);
    assert.deepEqual(
      peer({
        podSelector: {
          matchLabels: { role: 'web' },
          matchExpressions: [{ key: 'role', operator: 'In', values: ['db'] }],
        },
      }),
      { pods: [], reason: 'no pod in namespace default matches all of role=web, role=db' },
    );
    assert.deepEqual(peer({ ipBlock: { cidr: '10.244.1.0/24', except: [] } }).pods.map(podKey), [
      'default/db',
    ]);
    assert.deepEqual(
      peer({ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.0.0/24', '10.244.1.0/24'] } }),
      {
        pods: [],
        reason: 'no pod IP is in 10.244.0.0/16 except 10.244.0.0/24, 10.244.1.0/24',
      },
    );
    assert.deepEqual(peer({ ipBlock: { cidr: 'fd00::/8', except: [] } }), {
      pods: [],
      reason: 'fd00::/8 is not an IPv4 CIDR',
    });
    assert.deepEqual(peer({}), {
      pods: [],
      reason: 'the peer has no podSelector, namespaceSelector or ipBlock',
    });
  });
});
