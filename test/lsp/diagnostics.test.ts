// Diagnostics over the protocol: the seed's two mistakes, their quick fixes, a port broken and
// repaired, files that are not Kubernetes manifests, and what is published for closed files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { readFixture } from '../helpers/paths';
import { applyTextEdits, errorsOf, LspClient, positionOf, sampleWorkspace, uriOf } from './client';

let ws: string;
let client: LspClient;

before(async () => {
  ws = sampleWorkspace({
    'ci/workflow.yml': readFixture('lsp', 'github-workflow.yml'),
    'compose/docker-compose.yaml': readFixture('lsp', 'docker-compose.yaml'),
  });
  client = await LspClient.start({ folders: [ws] });
  await client.waitForIndexed();
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

/** Waits for the diagnostics of the version the client last sent. */
function current(uri: string): Promise<Diagnostic[]> {
  return client.waitForDiagnostics(uri, (_, p) => p.version === client.versionOf(uri));
}

void test('the seed as written: errors on lines 16 and 25 with source, code and precise ranges', async () => {
  const uri = await client.open(path.join(ws, 'seed-policies-as-written.yaml'));
  const errors = errorsOf(await current(uri));
  const separator = errors.find((d) => d.range.start.line === 15);
  assert.ok(separator, `an error on line 16; got ${errors.map((d) => d.range.start.line + 1).join(', ')}`);
  assert.equal(separator.source, 'netpol-lens');
  assert.equal(separator.code, 'missing-document-separator');
  assert.deepEqual(separator.range, { start: { line: 15, character: 0 }, end: { line: 15, character: 4 } });
  assert.deepEqual(separator.relatedInformation?.[0]?.location, {
    uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
  });
  const ingress = errors.find((d) => d.range.start.line === 24);
  assert.ok(ingress, `an error on line 25; got ${errors.map((d) => d.range.start.line + 1).join(', ')}`);
  assert.equal(ingress.source, 'netpol-lens');
  assert.match(String(ingress.message), /spec/);
  await client.close(uri);
});

void test('applying the offered quick fixes one by one leaves no error, and the text means the corrected seed', async () => {
  const uri = await client.open(path.join(ws, 'seed-policies-as-written.yaml'));
  for (let round = 0; round < 6; round++) {
    const fixable = errorsOf(await current(uri)).filter(
      (d) => (d.data as { fixes?: unknown[] })?.fixes?.length,
    );
    if (!fixable.length) break;
    const d = fixable[0]!;
    const actions = await client.codeActions(uri, d.range, [d]);
    const action = actions.find((a) => a.isPreferred) ?? actions[0];
    assert.ok(action?.edit?.documentChanges, `an action with a versioned edit for ${d.code}`);
    const edit = action.edit.documentChanges[0] as TextDocumentEdit;
    assert.equal(edit.textDocument.version, client.versionOf(uri));
    await client.setText(uri, applyTextEdits(client.textOf(uri), edit.edits));
  }
  assert.deepEqual(errorsOf(await current(uri)), []);
  const fixed = fs.readFileSync(path.join(ws, 'seed-policies-fixed.yaml'), 'utf8');
  const data = (text: string) => parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
  assert.deepEqual(data(client.textOf(uri)), data(fixed));
  await client.close(uri);
});

void test('a quick fix asked for on a diagnostic the editor moved, before the new diagnostics arrive, still applies', async () => {
  const uri = await client.open(path.join(ws, 'seed-policies-as-written.yaml'));
  const errors = errorsOf(await current(uri));
  const separator = errors.find((d) => d.code === 'missing-document-separator')!;
  const misplaced = errors.find((d) => d.code === 'misplaced-field')!;
  const [insert] = (await client.codeActions(uri, separator.range, [separator])).filter((a) => a.isPreferred);
  const first = insert!.edit!.documentChanges![0] as TextDocumentEdit;
  await client.setText(uri, applyTextEdits(client.textOf(uri), first.edits));
  // As the editor shows it: the old diagnostic, one line lower, still carrying the old version's data.
  const down = (p: Diagnostic['range']['start']) => ({ line: p.line + 1, character: p.character });
  const moved = {
    ...misplaced,
    range: { start: down(misplaced.range.start), end: down(misplaced.range.end) },
  };
  const actions = await client.codeActions(uri, moved.range, [moved]);
  const move = actions.find((a) => a.isPreferred) ?? actions[0];
  assert.ok(move, 'the move fix is offered at once');
  const edit = move.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(edit.textDocument.version, client.versionOf(uri));
  await client.setText(uri, applyTextEdits(client.textOf(uri), edit.edits));
  assert.deepEqual(errorsOf(await current(uri)), []);
  await client.close(uri);
});

void test('the fix-all source action applies every preferred fix at once', async () => {
  const uri = await client.open(path.join(ws, 'seed-policies-as-written.yaml'));
  await current(uri);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const [action, ...rest] = await client.codeActions(uri, range, [], ['source.fixAll']);
  assert.equal(rest.length, 0);
  assert.equal(action?.kind, 'source.fixAll.netpol-lens');
  const edit = action.edit!.documentChanges![0] as TextDocumentEdit;
  await client.setText(uri, applyTextEdits(client.textOf(uri), edit.edits));
  assert.equal(client.textOf(uri).split('\n')[15], '---');
  assert.deepEqual(
    errorsOf(await current(uri)).map((d) => d.code),
    [],
  );
  await client.close(uri);
});

void test('breaking a port adds an error on it; repairing it clears the error', async () => {
  const file = path.join(ws, 'seed-policies-fixed.yaml');
  const uri = await client.open(file);
  assert.deepEqual(errorsOf(await current(uri)), []);
  const text = client.textOf(uri);
  const at = positionOf(text, '          role: backend', '          role: backend'.length);
  const insert = (port: string) => ({
    range: { start: at, end: at },
    text: `\n    ports:\n    - port: ${port}`,
  });
  await client.change(uri, [insert('70000')]);
  const broken = errorsOf(await current(uri));
  assert.equal(broken.length, 1, JSON.stringify(broken));
  assert.equal(broken[0]!.range.start.line, at.line + 2);
  assert.match(String(broken[0]!.message), /70000/);
  await client.setText(uri, text);
  assert.deepEqual(errorsOf(await current(uri)), []);
  await client.change(uri, [insert('"80"')]);
  const quoted = errorsOf(await current(uri));
  assert.equal(quoted.length, 1, JSON.stringify(quoted));
  assert.equal(quoted[0]!.range.start.line, at.line + 2);
  await client.setText(uri, text);
  assert.deepEqual(errorsOf(await current(uri)), []);
  await client.close(uri);
});

void test('a GitHub workflow and a docker-compose file get an empty publication, never a finding', async () => {
  for (const name of ['ci/workflow.yml', 'compose/docker-compose.yaml']) {
    const uri = await client.open(path.join(ws, name));
    assert.deepEqual(await current(uri), []);
    await client.change(uri, [{ text: `${client.textOf(uri)}\nports: [70000]\nkey: 1\nkey: 2\n` }]);
    assert.deepEqual(await current(uri), []);
    await client.close(uri);
  }
});

void test('closed workspace files with policies get their diagnostics from indexing, without being opened', async () => {
  const uri = uriOf(path.join(ws, 'seed-policies-as-written.yaml'));
  const fresh = await LspClient.start({ folders: [ws] });
  try {
    const diags = await fresh.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.ok(diags.some((d) => d.code === 'missing-document-separator' && d.range.start.line === 15));
    assert.equal(fresh.latest(uri)?.version, undefined);
    await fresh.waitForIndexed();
    assert.equal(
      fresh.latest(uriOf(path.join(ws, 'pods.yaml'))),
      undefined,
      'no publication for a closed file without policies',
    );
    assert.equal(fresh.latest(uriOf(path.join(ws, 'ci', 'workflow.yml'))), undefined);
  } finally {
    assert.equal(await fresh.stop(), 0);
  }
});

void test('diagnostics carry the version of the text they were computed for', async () => {
  const since = client.publications.length;
  const uri = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
  await current(uri);
  const v = await client.setText(uri, `${client.textOf(uri)}\n# comment\n`);
  await client.waitForDiagnostics(uri, (_, p) => p.version === v);
  const versions = client.publications
    .slice(since)
    .filter((p) => p.uri === uri)
    .map((p) => p.version);
  assert.deepEqual(versions, [1, v]);
  await client.close(uri);
});

void test('every quick fix offered on a file of fixable problems applies cleanly, until none is left', async (t) => {
  const uri = await client.open(path.join(ws, 'fixable.yaml'), readFixture('lsp', 'fixable.yaml'));
  const applied: string[] = [];
  for (let round = 0; round < 12; round++) {
    const fixable = (await current(uri)).filter((d) => (d.data as { fixes?: unknown[] })?.fixes?.length);
    if (!fixable.length) break;
    const d = fixable[0]!;
    const [action] = (await client.codeActions(uri, d.range, [d])).filter((a) => a.isPreferred);
    assert.ok(action, `a preferred fix for ${d.code}`);
    applied.push(String(d.code));
    const edit = action.edit!.documentChanges![0] as TextDocumentEdit;
    await client.setText(uri, applyTextEdits(client.textOf(uri), edit.edits));
  }
  const left = await current(uri);
  assert.deepEqual(errorsOf(left), [], client.textOf(uri));
  assert.deepEqual(
    left.filter((d) => (d.data as { fixes?: unknown[] })?.fixes?.length),
    [],
  );
  t.diagnostic(`fixes applied: ${applied.join(', ')}`);
  assert.ok(applied.length >= 4, `fixes applied: ${applied.join(', ')}`);
  await client.close(uri);
});

void test('fix-all corrects errors only: lint fixes (DNS rule, policyTypes) stay individual quick fixes', async () => {
  const uri = await client.open(path.join(ws, 'fixable.yaml'), readFixture('lsp', 'fixable.yaml'));
  await current(uri);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const [action] = await client.codeActions(uri, range, [], ['source.fixAll']);
  assert.equal(action?.title, 'Fix all NetworkPolicy Lens errors');
  const edit = action.edit!.documentChanges![0] as TextDocumentEdit;
  await client.setText(uri, applyTextEdits(client.textOf(uri), edit.edits));
  const after = await current(uri);
  assert.deepEqual(errorsOf(after), []);
  const withFixes = after.filter((d) => (d.data as { fixes?: unknown[] })?.fixes?.length).map((d) => d.code);
  assert.deepEqual(withFixes.sort(), ['egress-blocks-dns', 'policy-types-implied']);
  await client.close(uri);
});
