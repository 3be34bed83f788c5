// Hover on a Service in the sample workspace: ClusterIP, endpoints, and who may connect on each port.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, sampleWorkspace } from './client';

let client: LspClient;
let uri: string;
let text: string;

before(async () => {
  const ws = sampleWorkspace();
  client = await LspClient.start({ folders: [ws] });
  await client.waitForIndexed();
  uri = await client.open(path.join(ws, 'services.yaml'));
  text = client.textOf(uri);
  await client.waitForDiagnostics(uri);
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

async function hoverAt(
  needle: string,
  shift: number,
  occurrence = 1,
): Promise<{ value: string; line: number }> {
  const h = await client.hover(uri, positionOf(text, needle, shift, occurrence));
  assert.ok(h, `a hover at ${needle}`);
  return { value: (h.contents as MarkupContent).value, line: h.range?.start.line ?? -1 };
}

void test('hover on the db Service name: ClusterIP, endpoint with node and IP:targetPort, who may connect', async () => {
  const { value } = await hoverAt('name: db', 7);
  const lines = value.split('\n');
  assert.match(
    lines[0]!,
    /^\*\*Service\*\* `default\/db` \(ClusterIP\) · ClusterIP `10\.\d+\.\d+\.\d+` \(allocated here; the API server picks its own\) · selector `app=myapp, role=db`$/,
  );
  assert.ok(lines.includes('**port** `postgres` `5432/TCP` → targetPort `postgres`'), value);
  assert.ok(
    lines.some((l) => /^- `default\/db` on `node-2`, `10\.244\.1\.\d+:5432`$/.test(l)),
    value,
  );
  assert.ok(
    lines.includes(
      "May connect: 1 of 2 pods (policies see the endpoint and targetPort after kube-proxy's DNAT)",
    ),
    value,
  );
  assert.ok(lines.includes('- 1 by default/db-access-ingress ingress rule 1: `default/backend`'), value);
});

void test('hover on one port of the web Service covers that port only, ranged on the port item', async () => {
  const { value, line } = await hoverAt('port: 80', 3, 1);
  assert.match(value, /^\*\*Service\*\* `default\/web`/);
  assert.equal(value.match(/\*\*port\*\*/g)?.length, 1);
  assert.ok(value.includes('May connect: 2 of 2 pods'), value);
  assert.ok(
    value.includes('- 2 by no policy isolates default/web for ingress: `default/backend`, `default/db`'),
    value,
  );
  assert.equal(line, text.slice(0, text.indexOf('- name: http')).split('\n').length - 1);
});
