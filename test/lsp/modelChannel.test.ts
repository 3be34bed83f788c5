// The one model-change channel: netpol/modelChanged carries the version and the summary the status
// bar shows (enforcement included), sent once the workspace is read and whenever the model moves;
// a client that supports it gets workspace/codeLens/refresh at the same moments, so a lens computed
// before the index ended ("selects 0 pods") is asked again.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { TopologyRequestType } from '../../server/src/protocol/requests';
import { CAPABILITIES, LspClient, sampleWorkspace } from './client';

const WITH_REFRESH = {
  ...CAPABILITIES,
  workspace: { ...CAPABILITIES.workspace, codeLens: { refreshSupport: true } },
};

async function withClient(
  options: Parameters<typeof LspClient.start>[0],
  fn: (c: LspClient) => Promise<void>,
) {
  const client = await LspClient.start(options);
  try {
    await fn(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
}

void test('the model summary comes once the workspace is read, and follows the topology and the settings', async () => {
  const ws = sampleWorkspace();
  await withClient({ folders: [ws], capabilities: WITH_REFRESH }, async (client) => {
    await client.waitFor(
      () => client.events.includes('codeLensRefresh'),
      undefined,
      () => 'netpol/modelChanged and the CodeLens refresh',
    );
    assert.deepEqual(client.events, ['indexed', 'modelChanged', 'codeLensRefresh']);
    const first = client.modelChanges[0]!;
    assert.deepEqual(first.summary, {
      pods: 3,
      nodes: 2,
      synthesizedNodes: false,
      namespaces: 1,
      policies: 2,
      backend: 'vxlan',
      network: '10.244.0.0/16',
      enforcement: true,
      clusterDns: { clusterIP: '10.96.0.10', synthesized: true },
    });
    const t = await client.connection.sendRequest(TopologyRequestType, undefined);
    assert.deepEqual(
      [t.pods.length, t.nodes.length, t.policies.length, t.backend, t.network, t.enforcement],
      [3, 2, 2, 'vxlan', '10.244.0.0/16', true],
      'the summary counts what netpol/topology serves',
    );

    const seen = client.modelChanges.length;
    await client.changeSettings({ policyEnforcement: 'off' });
    await client.waitFor(
      () => client.modelChanges.length > seen,
      undefined,
      () => 'modelChanged after settings',
    );
    const off = client.modelChanges[client.modelChanges.length - 1]!;
    assert.equal(off.summary.enforcement, false);
    assert.ok(off.version > first.version, 'the version moved');
  });
});

void test('CodeLens refresh: after indexing, after a topology edit, not after a comment', async () => {
  const ws = sampleWorkspace();
  await withClient({ folders: [ws], capabilities: WITH_REFRESH }, async (client) => {
    const policies = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
    const refreshes = () => client.events.filter((e) => e === 'codeLensRefresh').length;
    await client.waitFor(
      () => refreshes() === 1,
      undefined,
      () => 'codeLens refresh after indexing',
    );
    assert.ok(client.events.indexOf('indexed') < client.events.indexOf('codeLensRefresh'));
    const titles = async () => (await client.codeLenses(policies)).map((l) => l.command?.title);
    assert.deepEqual(await titles(), [
      'selects 1 pod · ingress from 1 pod',
      'selects 1 pod · ingress from 1 pod',
    ]);

    const pods = await client.open(path.join(ws, 'pods.yaml'));
    const text = client.textOf(pods);
    const comment = await client.setText(pods, `${text}# a comment\n`);
    await client.waitForDiagnostics(pods, (_, p) => p.version === comment);
    assert.equal(refreshes(), 1, 'a comment leaves the model as it was');
    await client.setText(pods, text.replace('role: web', 'role: frontend'));
    await client.waitFor(
      () => refreshes() === 2,
      undefined,
      () => 'codeLens refresh after a topology edit',
    );
    assert.deepEqual(await titles(), [
      'selects 1 pod · ingress from 0 pods',
      'selects 1 pod · ingress from 1 pod',
    ]);
    assert.equal(client.modelChanges.length, 2, 'one model change per refresh');
  });
});

void test('a client without refresh support gets the summary but no refresh request', async () => {
  const ws = sampleWorkspace();
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitFor(
      () => client.modelChanges.length > 0,
      undefined,
      () => 'netpol/modelChanged',
    );
    const pods = await client.open(path.join(ws, 'pods.yaml'));
    await client.setText(pods, client.textOf(pods).replace('role: web', 'role: frontend'));
    await client.waitFor(
      () => client.modelChanges.length > 1,
      undefined,
      () => 'second modelChanged',
    );
    // A refresh would be sent right after the notification, so before this answer.
    await client.connection.sendRequest(TopologyRequestType, undefined);
    assert.deepEqual(client.events, ['indexed', 'modelChanged', 'modelChanged']);
  });
});
