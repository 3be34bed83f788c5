// The status bar follows the summary each netpol/modelChanged carries, and never asks the server:
// its only input is the summary (ModelFeed → StatusPort). Views are told only when the version moved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelFeed, ModelRevisions, ViewFollower } from '../../../client/src/modelFeed';
import { statusLook, statusText } from '../../../client/src/status';
import type { ModelSummary } from '../../../server/src/protocol/requests';

const summary: ModelSummary = {
  pods: 3,
  nodes: 2,
  synthesizedNodes: false,
  namespaces: 1,
  policies: 2,
  backend: 'vxlan',
  network: '10.244.0.0/16',
  enforcement: true,
};

void describe('status bar text', () => {
  void it('reads "3 pods · 2 nodes · vxlan · 2 policies"', () => {
    assert.equal(statusText(summary), '3 pods · 2 nodes · vxlan · 2 policies');
  });
  void it('uses singulars and the backend', () => {
    assert.equal(
      statusText({ ...summary, pods: 1, nodes: 1, policies: 1, backend: 'host-gw' }),
      '1 pod · 1 node · host-gw · 1 policy',
    );
  });
  void it('says when policies are not enforced, in warning colours, and which setting does it', () => {
    const look = statusLook({ ...summary, enforcement: false, synthesizedNodes: true });
    assert.equal(look.text, '3 pods · 2 nodes · vxlan · 2 policies (not enforced)');
    assert.equal(look.warning, true);
    assert.equal(
      look.tooltip,
      'NetworkPolicy Lens: flannel vxlan, cluster network 10.244.0.0/16 (nodes synthesized: the workspace declares none).\n' +
        'NetworkPolicies are NOT enforced: the setting netpolLens.policyEnforcement is "off", which models plain ' +
        'flannel (flannel alone does not enforce them), so traces are delivered whatever the policies say. ' +
        'Set it to "on" when a policy engine runs beside flannel (as in Canal).\n' +
        'Click to show the topology.',
    );
    assert.deepEqual(statusLook(summary), {
      text: '3 pods · 2 nodes · vxlan · 2 policies',
      tooltip:
        'NetworkPolicy Lens: flannel vxlan, cluster network 10.244.0.0/16.\n' +
        'NetworkPolicies are enforced (a policy engine runs beside flannel).\nClick to show the topology.',
      warning: false,
    });
  });
});

void describe('status bar and the cluster DNS', () => {
  void it('says "DNS synthesized" when the workspace declares no CoreDNS pods, and nothing when it does', () => {
    const synthesized = { ...summary, clusterDns: { clusterIP: '10.96.0.10', synthesized: true } };
    assert.equal(statusText(synthesized), '3 pods · 2 nodes · vxlan · 2 policies · DNS synthesized');
    assert.equal(
      statusText({ ...synthesized, enforcement: false }),
      '3 pods · 2 nodes · vxlan · 2 policies (not enforced) · DNS synthesized',
    );
    assert.match(
      statusLook(synthesized).tooltip,
      /\nCluster DNS kube-system\/kube-dns \(10\.96\.0\.10\) is synthesized: the workspace declares no CoreDNS pods, so two made-up ones answer DNS traces and the DNS lint \(they are not counted as pods\)\.\nClick/,
    );
    const declared = { ...summary, clusterDns: { clusterIP: '10.96.0.10', synthesized: false } };
    assert.equal(statusText(declared), '3 pods · 2 nodes · vxlan · 2 policies');
    assert.match(
      statusLook(declared).tooltip,
      /\nCluster DNS: kube-system\/kube-dns \(10\.96\.0\.10\) and its CoreDNS pods, as declared\.\n/,
    );
  });
});

void describe('model feed', () => {
  void it('shows every summary as it comes and tells the views only when the version moved', () => {
    const shown: string[] = [];
    let moved = 0;
    const feed = new ModelFeed({ show: (s) => shown.push(statusLook(s).text) }, () => (moved += 1));
    feed.received({ version: 1, summary });
    feed.received({ version: 1, summary });
    feed.received({ version: 2, summary: { ...summary, pods: 4, enforcement: false } });
    assert.deepEqual(shown, [
      '3 pods · 2 nodes · vxlan · 2 policies',
      '3 pods · 2 nodes · vxlan · 2 policies',
      '4 pods · 2 nodes · vxlan · 2 policies (not enforced)',
    ]);
    assert.equal(moved, 2);
    feed.restarted();
    feed.received({ version: 1, summary });
    assert.equal(moved, 4, 'a restarted server numbers from 1 again: still news');
    assert.equal(shown.length, 4);
  });

  void it('a view re-requests only when visible and the revision moved; a hidden one catches up when shown', () => {
    const revisions = new ModelRevisions();
    revisions.received(1);
    const view = new ViewFollower(revisions.revision);
    assert.equal(view.due(true, revisions.revision), false, 'nothing moved');
    revisions.received(2);
    assert.equal(view.due(false, revisions.revision), false, 'hidden');
    revisions.received(3);
    assert.equal(view.due(true, revisions.revision), true, 'shown again: catches up once');
    assert.equal(view.due(true, revisions.revision), false);
  });
});
