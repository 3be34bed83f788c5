// A large policies file is analysed in two parts, one in a summary worker, when a document is opened
// with a text the server does not hold (server/src/lsp/openInParts.ts) and at cold start, from disk
// (lsp/indexer.ts): the diagnostics published, a hover in the worker's part and the diagnostics
// after an edit there are those of a server without workers (NETPOL_LENS_WORKERS=0).
// test/fixtures/parts/recordParts.cjs records that the worker did analyse and lint a part.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { generateWorkspace } from '../../bench/generate';
import { fixture } from '../helpers/paths';
import { LspClient, positionOf } from './client';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-parts-lsp-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Policies with mistakes in half of them (about 750 KB): large enough to split. */
const files = generateWorkspace({
  seed: 12,
  pods: 100,
  policies: 1000,
  podsPerFile: 102,
  mistakes: 0.5,
}).files;
const policies = files.find((f) => f.name === 'policies.yaml')!.text;
/** The pods and cluster only (the policies are opened), and the whole workspace (cold start). */
const topologyDir = path.join(tmp, 'topology');
const wholeDir = path.join(tmp, 'whole');
for (const dir of [topologyDir, wholeDir]) fs.mkdirSync(dir);
for (const f of files) {
  if (f.name !== 'policies.yaml') fs.writeFileSync(path.join(topologyDir, f.name), f.text);
  fs.writeFileSync(path.join(wholeDir, f.name), f.text);
}

const slow = 120_000;
const whenCurrent = (client: LspClient, uri: string) =>
  client.waitForDiagnostics(uri, (_, p) => p.version === client.versionOf(uri), slow);

/**
 * What a client sees, with `workers` workers: the policies' diagnostics (once opened, or once indexed
 * at cold start), then, the document open, a hover near its end and the diagnostics after an edit
 * there; and what the worker was asked (recordParts.cjs).
 */
async function session(workers: string, coldStart: boolean) {
  const log = path.join(tmp, `parts-${workers}-${coldStart}.log`);
  const client = await LspClient.start({
    folders: [coldStart ? wholeDir : topologyDir],
    env: {
      NETPOL_LENS_WORKERS: workers,
      NETPOL_PARTS_LOG: log,
      NODE_OPTIONS: `--require ${fixture('parts', 'recordParts.cjs')}`,
    },
  });
  try {
    await client.waitForIndexed(slow);
    const file = path.join(coldStart ? wholeDir : topologyDir, 'policies.yaml');
    let indexed: unknown;
    if (coldStart) {
      const uri = new URL(`file://${file}`).href;
      indexed = await client.waitForDiagnostics(uri, (d) => d.length > 100, slow);
    }
    const uri = await client.open(file, policies);
    const opened = await whenCurrent(client, uri);
    const near = positionOf(policies, 'podSelector:', 2, policies.split('podSelector:').length - 10);
    const hover = await client.hover(uri, near);
    const at = positionOf(policies, 'port: ', 6, policies.split('port: ').length - 5);
    await client.change(uri, [{ range: { start: at, end: at }, text: '1' }]);
    const edited = await whenCurrent(client, uri);
    const asked = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    return { seen: JSON.stringify({ indexed, opened, hover, edited }), asked };
  } finally {
    await client.stop();
  }
}

const oneCore = os.availableParallelism() < 2 && 'one core: no worker';

for (const coldStart of [false, true])
  void test(
    coldStart
      ? 'the policies file on disk is analysed in parts at cold start, as the serial server does'
      : 'a large document opened is analysed in parts and gives what the serial server gives',
    { skip: oneCore },
    async () => {
      const serial = await session('0', coldStart);
      const parallel = await session('1', coldStart);
      assert.deepEqual(serial.asked, []);
      assert.deepEqual(parallel.asked, ['part', 'lint']);
      const seen = JSON.parse(serial.seen) as { opened: unknown[]; hover: unknown; edited: unknown[] };
      assert.ok(
        seen.opened.length > 100 && seen.edited.length > 100 && seen.hover,
        'diagnostics and a hover',
      );
      assert.equal(parallel.seen, serial.seen);
    },
  );
