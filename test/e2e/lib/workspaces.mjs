// Workspaces the editor-level tests open: always a fresh, writable copy in a temp dir, so a run
// never edits samples/ or the fixtures and every run starts from the same files.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';
import { tempDir } from './interrupt.mjs';

export const samplesDir = path.join(repoRoot, 'samples', 'seed');
export const fixturesDir = path.join(repoRoot, 'test', 'e2e', 'fixtures');
export const cliPath = path.join(repoRoot, 'server', 'out', 'cli.js');

/** Copies `source` into a new temp folder; returns {dir, dispose}. */
export function freshCopy(source, prefix = 'netpol-ws-') {
  const parent = tempDir(prefix);
  const dir = path.join(parent.dir, path.basename(source));
  fs.cpSync(source, dir, { recursive: true });
  // samples/seed-policies-as-written.yaml is read-only in the repo; the copy must take quick fixes.
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const p = path.join(dir, String(f));
    fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
  }
  return { dir, dispose: parent.dispose };
}

export const freshSamples = () => freshCopy(samplesDir);
export const freshShop = () => freshCopy(path.join(repoRoot, 'samples', 'shop'));
export const freshFixture = (name) => freshCopy(path.join(fixturesDir, name));
