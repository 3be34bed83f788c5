// The server under stress: 10,000 rapid edits of a big document, hostile input, malformed requests,
// requests answered while a large workspace is indexed, and a clean shutdown.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ErrorCodes, ExitNotification } from 'vscode-languageserver-protocol/node';
import type { ResponseError } from 'vscode-languageserver-protocol/node';
import { MatrixRequestType, ExplainRequestType } from '../../server/src/protocol/requests';
import { errorsOf, LspClient, positionOf, sampleWorkspace, uriOf } from './client';

function bigPolicyFile(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++)
    docs.push(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        `  name: policy-${i}`,
        'spec:',
        '  podSelector:',
        '    matchLabels:',
        `      role: db`,
        '  policyTypes: [Ingress]',
        '  ingress:',
        '  - from:',
        '    - podSelector:',
        '        matchLabels:',
        '          role: backend',
        '    ports:',
        `    - port: ${1000 + i}`,
      ].join('\n'),
    );
  return `${docs.join('\n---\n')}\n# typing here:\n`;
}

void test('10,000 rapid didChanges on a big document: the final state gets correct diagnostics promptly', async (t) => {
  const ws = sampleWorkspace();
  const client = await LspClient.start({ folders: [ws] });
  try {
    await client.waitForIndexed();
    const text = bigPolicyFile(1000);
    const started = Date.now();
    const uri = await client.open(path.join(ws, 'big.yaml'), text);
    await client.waitForDiagnostics(uri, (_, p) => p.version === 1, 30_000);
    t.diagnostic(
      `didOpen -> diagnostics on ${text.split('\n').length} lines (${text.length} chars): ${Date.now() - started} ms`,
    );
    const end = positionOf(text, '# typing here:', '# typing here:'.length);
    const publishedBefore = client.publications.filter((p) => p.uri === uri).length;
    const writes: Promise<number>[] = [];
    for (let i = 0; i < 10_000; i++) {
      const at = { line: end.line, character: end.character + i };
      writes.push(
        client.change(uri, [{ range: { start: at, end: at }, text: String.fromCharCode(97 + (i % 26)) }]),
      );
    }
    await Promise.all(writes);
    const breakAt = { line: end.line + 1, character: 0 };
    const sent = Date.now();
    const final = await client.change(uri, [
      { range: { start: breakAt, end: breakAt }, text: '  podSelector: {}\n' },
    ]);
    const diags = await client.waitForDiagnostics(uri, (_, p) => p.version === final, 30_000);
    const latency = Date.now() - sent;
    t.diagnostic(`last of 10,001 didChanges -> diagnostics of the final version: ${latency} ms`);
    const [dup, ...others] = errorsOf(diags);
    assert.equal(others.length, 0, JSON.stringify(others));
    assert.equal(dup!.range.start.line, end.line + 1);
    assert.equal(dup!.code, 'duplicate-key');
    // Coalescing, not timing: versions only move forward and most of the 10,001 are never analysed.
    const versions = client.publications
      .filter((p) => p.uri === uri)
      .slice(publishedBefore)
      .map((p) => p.version ?? 0);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `versions went back: ${versions.join(',')}`,
    );
    assert.equal(
      new Set(versions).size,
      versions.length,
      `a version was published twice: ${versions.join(',')}`,
    );
    assert.ok(
      versions.length <= 100,
      `stale versions were dropped (${versions.length} publications for 10,001 edits)`,
    );
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

void test('hostile documents and malformed requests never stop the server', async () => {
  const ws = sampleWorkspace();
  const client = await LspClient.start({ folders: [ws] });
  try {
    await client.waitForIndexed();
    const hostile: Record<string, string> = {
      'nul.yaml': 'kind: Pod\u0000\nmetadata: {name: "\ud800"}\n',
      'deep.yaml': `kind: NetworkPolicy\nspec: ${'['.repeat(20_000)}`,
      'bomb.yaml': `kind: ConfigMap\na: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`).join('\n')}\n`,
      'tabs.yaml': 'kind: NetworkPolicy\n\tspec:\n  - : : :\n{[}]\n',
      'separators.yaml':
        'kind: NetworkPolicy\nspec:\r  podSelector:\u2028\n    matchLabels:\n      \u2029role: \r\n      ',
      'spaces.yaml': `kind: NetworkPolicy\nspec:\n  a: x${' '.repeat(200_000)}y\n  b${' \t'.repeat(100_000)}\n  \n`,
      'json.json':
        '{"kind": "NetworkPolicy", "spec": {"podSelector": {"matchLabels": {"a": {"b": 1}}}, "ingress": 7}}',
    };
    for (const [name, text] of Object.entries(hostile)) {
      const uri = await client.open(path.join(ws, name), text, name.endsWith('.json') ? 'json' : 'yaml');
      await client.waitForDiagnostics(uri, (_, p) => p.version === 1);
      const started = Date.now();
      const positions = [
        { line: 0, character: 0 },
        { line: 1, character: 5 },
        { line: 4, character: 2 },
        { line: 4, character: 12 },
        { line: 5, character: 6 },
        { line: 3, character: 150_000 },
        { line: 99, character: 99 },
      ];
      for (const position of positions) {
        await client.hover(uri, position);
        await client.completion(uri, position);
        await client.definition(uri, position);
      }
      await client.codeLenses(uri);
      await client.symbols(uri);
      assert.ok(Date.now() - started < 5000, `${name}: requests answered in ${Date.now() - started} ms`);
    }
    assert.deepEqual(
      client.logs.filter((l) => /\n\s+at /.test(l)),
      [],
      'no handler failed on hostile documents',
    );
    const bogus = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: 'x',
      source: 'netpol-lens',
      data: { fixes: 'nope' },
    };
    assert.deepEqual(await client.codeActions('file:///nowhere.yaml', bogus.range, [bogus]), []);
    assert.equal(await client.hover('file:///nowhere.yaml', { line: 0, character: 0 }), null);
    await assert.rejects(
      client.connection.sendRequest(MatrixRequestType, {} as never),
      (e: ResponseError<unknown>) => e.code === ErrorCodes.InvalidParams,
    );
    assert.equal(
      await client.connection.sendRequest(ExplainRequestType, {
        uri: 'file:///nowhere.yaml',
        position: null as never,
      }),
      null,
    );
    const uri = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
    const h = await client.hover(uri, positionOf(client.textOf(uri), 'podSelector', 2, 3));
    assert.ok(h, 'the server still answers');
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

void test('hover is answered while a large workspace is being indexed', async (t) => {
  const ws = sampleWorkspace();
  const many = path.join(ws, 'many');
  fs.mkdirSync(many);
  for (let i = 0; i < 3000; i++)
    fs.writeFileSync(
      path.join(many, `pod-${i}.yaml`),
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\n  labels:\n    role: filler\nspec:\n  containers:\n    - name: c\n      image: x\n`,
    );
  const client = await LspClient.start({ folders: [ws] });
  try {
    const file = path.join(ws, 'seed-policies-fixed.yaml');
    await client.waitFor(() => client.progress.some((p) => p.kind === 'begin'));
    const uri = await client.open(file);
    const h = await client.hover(uri, positionOf(client.textOf(uri), 'podSelector', 2, 3));
    const answered = Date.now();
    assert.ok(h);
    await client.waitForIndexed(60_000);
    const ended = client.progress.find((p) => p.kind === 'end')!.at;
    t.diagnostic(`hover answered ${ended - answered} ms before indexing 3,000 files ended`);
    assert.ok(answered < ended, 'hover answered before indexing ended');
    const reports = client.progress.filter((p) => p.kind === 'report').length;
    assert.ok(reports <= 101, `${reports} progress reports for 3,000 files: one per percent at most`);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

void test('shutdown then exit ends the process with code 0; exit without shutdown with code 1', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-empty-'));
  const clean = await LspClient.start({ folders: [dir] });
  assert.equal(await clean.stop(), 0);
  const abrupt = await LspClient.start({ folders: [dir] });
  const exited = new Promise<number | null>((resolve) => abrupt.child.on('exit', (code) => resolve(code)));
  await abrupt.connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 1);
  abrupt.kill();
});

void test('a topology edit re-publishes every closed policy file of a large workspace (measured)', async (t) => {
  const ws = sampleWorkspace();
  const dir = path.join(ws, 'policies');
  fs.mkdirSync(dir);
  const files = 200;
  for (let f = 0; f < files; f++) {
    const docs = Array.from({ length: 10 }, (_, i) =>
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        `  name: p-${f}-${i}`,
        'spec:',
        '  podSelector:',
        '    matchLabels:',
        '      role: db',
        '  ingress:',
        '  - from:',
        '    - podSelector:',
        '        matchLabels:',
        '          role: backend',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, `policies-${f}.yaml`), docs.join('\n---\n'));
  }
  const client = await LspClient.start({ folders: [ws] });
  try {
    await client.waitForIndexed(60_000);
    const uris = Array.from({ length: files }, (_, f) => `${uriOf(dir)}/policies-${f}.yaml`);
    await client.waitFor(() => uris.every((u) => client.latest(u) !== undefined), 60_000);
    const pods = await client.open(path.join(ws, 'pods.yaml'));
    await client.waitForDiagnostics(pods);
    const started = Date.now();
    await client.setText(pods, client.textOf(pods).replace('role: db', 'role: database'));
    const lints = (u: string) =>
      client.latest(u)?.diagnostics.filter((d) => d.code === 'policy-selects-nothing').length;
    await client.waitFor(
      () => uris.every((u) => lints(u) === 10),
      60_000,
      () => 'every policy file re-linted',
    );
    t.diagnostic(
      `${files} closed policy files (${files * 10} policies) re-published ${Date.now() - started} ms after the edit`,
    );
    const hoverStart = Date.now();
    await client.hover(pods, { line: 0, character: 0 });
    t.diagnostic(`hover right after: ${Date.now() - hoverStart} ms`);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});
