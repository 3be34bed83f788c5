// A large policies document opened in the editor is analysed in two parts, one in a summary worker
// (server/src/lsp/openInParts.ts): the diagnostics published, a hover in the worker's part and the
// diagnostics after an edit there are those of a server without workers (NETPOL_LENS_WORKERS=0).
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
for (const f of files)
  if (f !== files.find((g) => g.name === 'policies.yaml')) fs.writeFileSync(path.join(tmp, f.name), f.text);

/** What a client sees: the diagnostics of the open, a hover near the end, the diagnostics after an edit there. */
async function session(workers: string, log: string) {
  const client = await LspClient.start({
    folders: [tmp],
    env: {
      NETPOL_LENS_WORKERS: workers,
      NETPOL_PARTS_LOG: log,
      NODE_OPTIONS: `--require ${fixture('parts', 'recordParts.cjs')}`,
    },
  });
  try {
    await client.waitForIndexed(60_000);
    const uri = await client.open(path.join(tmp, 'policies.yaml'), policies);
    const opened = await client.waitForDiagnostics(
      uri,
      (_, p) => p.version === client.versionOf(uri),
      60_000,
    );
    const near = positionOf(policies, 'podSelector:', 2, policies.split('podSelector:').length - 10);
    const hover = await client.hover(uri, near);
    const at = positionOf(policies, 'port: ', 6, policies.split('port: ').length - 5);
    await client.change(uri, [{ range: { start: at, end: at }, text: '1' }]);
    const edited = await client.waitForDiagnostics(
      uri,
      (_, p) => p.version === client.versionOf(uri),
      60_000,
    );
    return JSON.stringify({ opened, hover, edited });
  } finally {
    await client.stop();
  }
}

void test(
  'a large document opened is analysed in parts and gives what the serial server gives',
  { skip: os.availableParallelism() < 2 && 'one core: no worker' },
  async () => {
    const serialLog = path.join(tmp, 'serial.log');
    const partsLog = path.join(tmp, 'parts.log');
    const serial = await session('0', serialLog);
    const parallel = await session('1', partsLog);
    assert.ok(!fs.existsSync(serialLog));
    assert.deepEqual(fs.readFileSync(partsLog, 'utf8').split('\n').filter(Boolean), ['part', 'lint']);
    const seen = JSON.parse(serial) as { opened: unknown[]; hover: unknown; edited: unknown[] };
    assert.ok(seen.opened.length > 100 && seen.edited.length > 100 && seen.hover, 'diagnostics and a hover');
    assert.equal(parallel, serial);
  },
);
