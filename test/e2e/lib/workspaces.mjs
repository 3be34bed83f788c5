// Workspaces the editor-level tests open: always a fresh, writable copy in a temp dir, so a run
// never edits samples/ or the fixtures and every run starts from the same files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';
import { tempDir } from './interrupt.mjs';

export const samplesDir = path.join(repoRoot, 'samples', 'seed');
/** The realistic sample: 3 nodes, 4 namespaces, 13 Deployments with 2-3 replicas. */
export const shopDir = path.join(repoRoot, 'samples', 'shop');
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

/** samples/seed/ as it is once its two quick fixes are applied: the corrected policies in place of the broken file. */
export function freshFixedSamples() {
  const ws = freshCopy(samplesDir);
  fs.rmSync(path.join(ws.dir, 'seed-policies-as-written.yaml'));
  const fixed = path.join(repoRoot, 'samples', 'seed-policies-fixed.yaml');
  fs.copyFileSync(fixed, path.join(ws.dir, path.basename(fixed)));
  return ws;
}
export const freshShop = () => freshCopy(shopDir);

/** Makes the folder a git repository with everything committed (identity and config of its own). */
export function commitAll(dir) {
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'shop');
}
export const freshFixture = (name) => freshCopy(path.join(fixturesDir, name));
