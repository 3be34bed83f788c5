// netpolLens.kubectlWorkflow: a NetworkPolicy with generateName and no name is an error for
// `kubectl apply` (the default) and an information for `kubectl create`; changing the setting
// re-validates the workspace and republishes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient, sampleWorkspace, uriOf } from './client';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  generateName: web-in-
spec:
  podSelector:
    matchLabels:
      role: web
  ingress:
  - from:
    - podSelector: {}
`;

void test('settings: kubectlWorkflow turns the generateName error into an information and back', async () => {
  const ws = sampleWorkspace({ 'generated.yaml': POLICY });
  const uri = uriOf(path.join(ws, 'generated.yaml'));
  const client = await LspClient.start({ folders: [ws] });
  try {
    const brief = (ds: { severity?: number; code?: unknown; range: { start: { line: number } } }[]) =>
      ds.map((d) => [d.severity, d.code, d.range.start.line]);
    const apply = await client.waitForDiagnostics(uri, (ds) => ds.length > 0);
    assert.deepEqual(brief(apply), [[DiagnosticSeverity.Error, 'missing-name', 2]]);
    assert.match(String(apply[0]!.message), /`kubectl create` would accept `generateName`/);

    await client.changeSettings({ kubectlWorkflow: 'create' });
    const create = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'generated-name'));
    assert.deepEqual(brief(create), [[DiagnosticSeverity.Information, 'generated-name', 3]]);
    assert.match(String(create[0]!.message), /the analysis calls it `web-in-[a-z0-9]{5}`/);

    await client.changeSettings({});
    const back = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'missing-name'));
    assert.deepEqual(brief(back), [[DiagnosticSeverity.Error, 'missing-name', 2]]);
    assert.equal(await client.stop(), 0);
  } finally {
    client.kill();
  }
});
