// Packages the extension as a .vsix the way a release would: `npm run package` when the manifest
// defines it, otherwise a production build plus `vsce package`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';

const manifest = () => JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

function run(cmd, args, log) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 });
  log(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** .vsix files in the repository root and out/, newest first. */
function vsixFiles() {
  return [repoRoot, path.join(repoRoot, 'out')]
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)))
    .filter((f) => f.endsWith('.vsix'))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
}

/**
 * Builds and packages the extension; returns the absolute path of the fresh .vsix.
 * @param {(text: string) => void} log receives the tools' output
 */
export function packageExtension(log = () => {}) {
  const { name, version, scripts = {} } = manifest();
  const started = Date.now();
  if (scripts.package) {
    run('npm', ['run', '--silent', 'package'], log);
  } else {
    const out = path.join(repoRoot, `${name}-${version}.vsix`);
    run(process.execPath, ['scripts/build.mjs', '--production'], log);
    run('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], log);
  }
  const expected = path.join(repoRoot, `${name}-${version}.vsix`);
  const fresh = [expected, ...vsixFiles()].find(
    (f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= started - 1000,
  );
  if (!fresh) throw new Error('packaging produced no .vsix');
  return fresh;
}
