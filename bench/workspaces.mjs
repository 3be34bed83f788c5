// The benchmark workspaces, generated once into bench/work/<name>/ by the seeded generator
// (bench/generate.ts, built to out/bench/generate.js) and regenerated only when their spec changes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
export const workDir = path.join(root, 'bench', 'work');
const require = createRequire(import.meta.url);

export const SPECS = {
  check2k: { seed: 1, pods: 2000, policies: 2000, podsPerFile: 2002 },
  /** check2k's shape with mistakes in 90 % of its policies: thousands of findings. */
  findings2k: { seed: 1, pods: 2000, policies: 2000, podsPerFile: 2002, mistakes: 0.9 },
  matrix1k: { seed: 2, pods: 1000, policies: 300 },
  matrix5k: { seed: 3, pods: 5000, policies: 1000 },
  pods50k: { seed: 4, pods: 50000, policies: 200 },
  check2kSvc: { seed: 1, pods: 2000, policies: 2000, podsPerFile: 2002, services: 1000 },
  pods50kSvc: { seed: 4, pods: 50000, policies: 200, services: 200 },
};

/** Ten times smaller, for a quick run of the harness itself (`--quick`); results are not recorded. */
export function quickSpecs() {
  return Object.fromEntries(
    Object.entries(SPECS).map(([k, s]) => [
      k,
      { ...s, pods: Math.ceil(s.pods / 10), policies: Math.ceil(s.policies / 10) },
    ]),
  );
}

/** Writes the workspace (unless already there with the same content); returns its directory and files. */
export function prepare(name, spec) {
  const dir = path.join(workDir, name);
  const stamp = path.join(dir, '.digest');
  const { generateWorkspace } = require(path.join(root, 'out', 'bench', 'generate.js'));
  const ws = generateWorkspace(spec);
  const hash = createHash('sha256');
  for (const f of ws.files) hash.update(f.name).update(f.text);
  const digest = hash.digest('hex');
  const fresh = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest;
  if (!fresh) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ws.files) fs.writeFileSync(path.join(dir, f.name), f.text);
    fs.writeFileSync(stamp, digest);
  }
  const files = ws.files.map((f) => path.join(dir, f.name));
  const bytes = ws.files.reduce((a, f) => a + Buffer.byteLength(f.text), 0);
  return { name, dir, files, policies: ws.policies, bytes, nodes: ws.nodes, pods: spec.pods };
}

/** A folder with the workspace's topology files but not its policies (opened by the LSP benchmark). */
export function topologyOnly(ws) {
  const dir = path.join(workDir, `${ws.name}-topology`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ws.files) {
    if (path.basename(f) !== ws.policies.name) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  }
  return dir;
}
