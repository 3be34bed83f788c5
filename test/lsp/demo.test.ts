// The demo's happy path over the protocol, on samples/seed/ exactly as `npm run demo` opens it: the
// broken file's two quick fixes leave the Problems panel empty (no error, no warning such as a
// duplicate-policy against a corrected copy, nothing), and web → db is then dropped by
// default/db-access-ingress.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import type { Trace } from '../../server/src/engine/dataplane/types';
import { TraceRequestType } from '../../server/src/protocol/requests';
import { applyTextEdits, demoWorkspace, errorsOf, LspClient, uriOf } from './client';

let ws: string;
let client: LspClient;

before(async () => {
  ws = demoWorkspace();
  client = await LspClient.start({ folders: [ws] });
  await client.waitForIndexed();
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

function current(uri: string): Promise<Diagnostic[]> {
  return client.waitForDiagnostics(uri, (_, p) => p.version === client.versionOf(uri));
}

void test('the demo folder holds the broken file and the cluster, and no corrected copy', () => {
  assert.deepEqual(fs.readdirSync(ws).sort(), [
    'cluster.yaml',
    'pods.yaml',
    'seed-policies-as-written.yaml',
    'services.yaml',
  ]);
});

void test('after the two quick fixes the Problems panel is empty, and web → db is dropped by the fixed policy', async () => {
  const uri = await client.open(path.join(ws, 'seed-policies-as-written.yaml'));
  const before = errorsOf(await current(uri));
  assert.deepEqual(before.map((d) => d.code).sort(), ['misplaced-field', 'missing-document-separator']);
  for (const code of ['missing-document-separator', 'misplaced-field']) {
    const d = errorsOf(await current(uri)).find((x) => x.code === code)!;
    const action = (await client.codeActions(uri, d.range, [d])).find((a) => a.isPreferred);
    const edit = action!.edit!.documentChanges![0] as TextDocumentEdit;
    await client.setText(uri, applyTextEdits(client.textOf(uri), edit.edits));
  }
  assert.deepEqual(await current(uri), []);
  for (const other of ['cluster.yaml', 'pods.yaml'])
    assert.deepEqual(client.latest(uriOf(path.join(ws, other)))?.diagnostics ?? [], [], other);
  const trace = (await client.connection.sendRequest(TraceRequestType, {
    from: 'default/web',
    to: 'default/db',
    port: 5432,
    protocol: 'TCP',
  })) as Trace;
  assert.equal(trace.verdict, 'dropped');
  assert.deepEqual(trace.drop?.policies, ['default/db-access-ingress']);
});
