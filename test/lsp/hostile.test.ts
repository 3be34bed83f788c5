// The language server on hostile ground, run under a preloaded guard (test/fixtures/hostile/guard.cjs)
// that makes every network API throw and records reads: the whole hostile corpus opened in the
// editor, files and folders vanishing under it, link loops and unreadable entries in the workspace,
// links out of the workspace. Complements robustness.test.ts (rapid edits, malformed requests).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import { TopologyRequestType } from '../../server/src/protocol/requests';
import type { Finding } from '../../server/src/engine/types';
import { decodeUtf8 } from '../../server/src/node/readText';
import { repoRoot } from '../helpers/paths';
import { codeCounts, outOfBounds } from '../helpers/rangeBounds';
import { HOSTILE } from '../helpers/hostileCorpus';
import { guardModule, readGuard, STACK_TRACE } from '../helpers/hostileGuard';
import type { GuardRecord } from '../helpers/hostileGuard';
import { LspClient, positionOf, sampleWorkspace, uriOf } from './client';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-hostile-lsp-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The server's peak RSS after the whole corpus; Node alone takes ~50 MB, the largest input is 10 MB. */
const MAX_RSS_MB = 600;
const SAMPLE_PODS = ['default/backend', 'default/db', 'default/web'];
const POD = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: outside\nspec:\n  containers:\n    - name: c\n      image: x\n`;

let logs = 0;
/**
 * Runs `body` against the built server started with the guard preloaded, then checks that the server
 * printed no stack trace, stopped with exit code 0 and used no network; returns the guard log.
 */
async function withGuardedServer(
  folders: string[],
  body: (client: LspClient) => Promise<void>,
  trackReads = false,
): Promise<GuardRecord> {
  const log = path.join(tmp, `guard-${logs++}.log`);
  process.env['NETPOL_LSP_NODE_ARGS'] = `--require ${guardModule}`;
  process.env['NETPOL_GUARD_LOG'] = log;
  process.env['NETPOL_GUARD_FS'] = trackReads ? '1' : '0';
  const client = await LspClient.start({ folders });
  try {
    await body(client);
    for (const line of client.logs) assert.doesNotMatch(line, STACK_TRACE);
  } finally {
    assert.equal(await client.stop(), 0);
  }
  const record = readGuard(log);
  assert.deepEqual(record.network, []);
  return record;
}

const topologyOf = (client: LspClient) => client.connection.sendRequest(TopologyRequestType, undefined);

async function podKeys(client: LspClient): Promise<string[]> {
  return (await topologyOf(client)).pods.map((p) => p.key).sort();
}

/** Polls an asynchronous condition (a request to the server) until it holds. */
async function eventually(condition: () => Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function asFindings(diagnostics: Diagnostic[]): Finding[] {
  return diagnostics.map((d) => ({
    file: '',
    range: d.range,
    severity: 'error',
    code: String(d.code),
    message: typeof d.message === 'string' ? d.message : '',
  }));
}

function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

void test('every hostile input opened in the editor: diagnostics in range, the server answers, memory bounded', async () => {
  const ws = sampleWorkspace();
  await withGuardedServer([ws], async (client) => {
    await client.waitForIndexed();
    for (const input of HOSTILE) {
      const text = decodeUtf8(input.bytes());
      const uri = await client.open(path.join(ws, 'open', input.file), text);
      const diagnostics = await client.waitForDiagnostics(uri, (_, p) => p.version === 1, 60_000);
      assert.deepEqual(outOfBounds(text, asFindings(diagnostics)), [], input.name);
      const counts = codeCounts(asFindings(diagnostics));
      const want = text.length > 8 * 1024 * 1024 ? ['file-too-large'] : input.codes;
      for (const code of want)
        assert.ok(counts[code], `${input.name}: ${code} expected, got ${JSON.stringify(counts)}`);
      await client.hover(uri, { line: 2, character: 3 });
      await client.completion(uri, { line: 1, character: 0 });
      await client.close(uri);
      await client.waitForDiagnostics(uri, (d) => d.length === 0);
    }
    const seed = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
    assert.ok(
      await client.hover(seed, positionOf(client.textOf(seed), 'podSelector', 2, 3)),
      'still answering',
    );
    assert.ok(rssMB(client.child.pid!) < MAX_RSS_MB, `peak RSS ${rssMB(client.child.pid!)} MB`);
  });
});

void test('a file deleted on disk while open keeps its editor text; closing it then drops it', async () => {
  const ws = sampleWorkspace();
  await withGuardedServer([ws], async (client) => {
    await client.waitForIndexed();
    const file = path.join(ws, 'seed-policies-fixed.yaml');
    const uri = await client.open(file);
    await client.waitForDiagnostics(uri, (_, p) => p.version === 1);
    fs.rmSync(file);
    await client.filesChanged([{ uri, type: FileChangeType.Deleted }]);
    const at = positionOf(client.textOf(uri), 'podSelector', 2, 3);
    const hover = await client.hover(uri, at);
    assert.ok(hover, 'the open document still answers hovers');
    assert.equal((await topologyOf(client)).policies.length, 2, 'its policies stay while it is open');
    await client.close(uri);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    await eventually(async () => (await topologyOf(client)).policies.length === 0, 'the policies to leave');
  });
});

void test('a workspace folder removed while it is being indexed, then deleted from disk', async () => {
  const ws = sampleWorkspace();
  const big = fs.mkdtempSync(path.join(tmp, 'big-'));
  for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(big, `pod-${i}.yaml`), POD(`p-${i}`));
  await withGuardedServer([ws, big], async (client) => {
    await client.waitFor(() => client.progress.some((p) => p.kind === 'begin'));
    const removed = { uri: uriOf(big), name: path.basename(big) };
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [removed] },
    });
    fs.rmSync(big, { recursive: true, force: true });
    await client.filesChanged([{ uri: uriOf(big), type: FileChangeType.Deleted }]);
    await eventually(
      async () => JSON.stringify(await podKeys(client)) === JSON.stringify(SAMPLE_PODS),
      'the sample pods alone',
    );
    fs.rmSync(ws, { recursive: true, force: true });
    await client.filesChanged([{ uri: uriOf(ws), type: FileChangeType.Deleted }]);
    await eventually(async () => (await podKeys(client)).length === 0, 'an empty topology');
  });
});

/** Entries a walk must step over: link loops, a dangling link, a FIFO, a device, a folder named *.yaml. */
function traps(dir: string): void {
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
  fs.symlinkSync('.', path.join(dir, 'here'));
  fs.symlinkSync('/nonexistent/netpol-lens', path.join(dir, 'dangling.yaml'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
  fs.mkdirSync(path.join(dir, 'folder.yaml'));
  execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
}

void test('link loops, a dangling link, a FIFO, /dev/zero and a folder named *.yaml: indexing ends, each pod once', async () => {
  // We run as root, so chmod 000 does not make a file unreadable; the dangling link (ENOENT on open),
  // the FIFO (would block a reader) and /dev/zero (endless) are the unreadable entries here.
  const ws = sampleWorkspace();
  traps(ws);
  await withGuardedServer([ws], async (client) => {
    await client.waitForIndexed(30_000);
    assert.deepEqual(await podKeys(client), SAMPLE_PODS);
    const fifo = await client.open(path.join(ws, 'fifo.yaml'), 'kind: Pod\nmetadata: {name: typed}\n');
    await client.waitForDiagnostics(fifo, (_, p) => p.version === 1);
  });
});

void test('links out of the workspace are not followed: nothing outside the folder is read or listed', async () => {
  const ws = sampleWorkspace();
  const outside = fs.mkdtempSync(path.join(tmp, 'outside-'));
  fs.mkdirSync(path.join(outside, 'deeper'));
  fs.writeFileSync(path.join(outside, 'secret.yaml'), POD('secret'));
  fs.writeFileSync(path.join(outside, 'deeper', 'more.yaml'), POD('more'));
  fs.symlinkSync(outside, path.join(ws, 'outside'));
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(ws, 'secret.yaml'));
  fs.symlinkSync('/etc', path.join(ws, 'etc'));
  const { reads } = await withGuardedServer(
    [ws],
    async (client) => {
      await client.waitForIndexed(30_000);
      assert.deepEqual(await podKeys(client), SAMPLE_PODS, 'no pod from outside the workspace');
    },
    true,
  );
  const allowed = [fs.realpathSync(ws), path.join(repoRoot, 'server', 'out')];
  assert.ok(reads.includes(path.join(fs.realpathSync(ws), 'pods.yaml')), 'reads are recorded');
  const outsideReads = reads.filter((p) => !allowed.some((a) => p === a || p.startsWith(a + path.sep)));
  assert.deepEqual(outsideReads, []);
});
