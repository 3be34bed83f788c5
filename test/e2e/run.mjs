// The `e2e` suite of test/run.mjs (and `npm run test:e2e`): installs code-server and Chromium when
// missing (idempotent), packages the .vsix, runs the UI suite (node:test + Chromium against the
// installed .vsix) and the extension-host suite (mocha inside code-server's extension host), and ends
// with one line "N passed, N failed". Child output is indented so that only that last line is read
// as the e2e total by test/run.mjs. Expects the dev build (node scripts/build.mjs) to be done.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { installScript, repoRoot } from './lib/code-server.mjs';
import { packageExtension } from './lib/vsix.mjs';

const uiDir = path.join(repoRoot, 'test', 'e2e', 'ui');
const indent = (text) => text.replace(/^(?=.)/gm, '  ');
const seconds = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const totals = { passed: 0, failed: 0 };

/** Runs a child with its output indented as it arrives; resolves to {status, out}. */
function runStreaming(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env } });
    let out = '';
    const onData = (b) => {
      out += b.toString();
      process.stdout.write(indent(b.toString()));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (status) => resolve({ status, out }));
  });
}

/** Adds a suite's counts to the totals; `failRes` are summed (node:test reports cancelled apart). */
function count(label, { status, out }, passRe, failRes) {
  const num = (re) => Number((re.exec(out) ?? [])[1] ?? 0);
  const passed = num(passRe);
  let failed = failRes.reduce((n, re) => n + num(re), 0);
  if (status !== 0 && failed === 0) failed = 1; // a crash counts as a failure
  if (passed + failed === 0) failed = 1; // so does a suite that ran nothing
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  totals.passed += passed;
  totals.failed += failed;
}

function step(label, fn) {
  const t = Date.now();
  console.log(`--- ${label}`);
  try {
    const result = fn();
    console.log(`--- ${label}: done in ${seconds(t)}`);
    return result;
  } catch (e) {
    console.log(`--- ${label}: FAILED: ${e.message}`);
    totals.failed += 1;
    return undefined;
  }
}

const t0 = Date.now();
// Screenshots of this run only: a stale failure screenshot would mislead.
fs.rmSync(path.join(repoRoot, 'test', 'e2e', 'artifacts'), { recursive: true, force: true });
const installed = step('install code-server and Chromium (test/e2e/install-code-server.sh)', () => {
  const r = spawnSync('bash', [installScript], { cwd: repoRoot, encoding: 'utf8' });
  process.stdout.write(indent(`${r.stdout}${r.stderr}`));
  if (r.status !== 0) throw new Error(`exit ${r.status}`);
  return true;
});
const vsix = step('package the extension', () =>
  packageExtension((text) => process.stdout.write(indent(text))),
);

if (installed && vsix) {
  console.log(`--- UI suite against ${path.relative(repoRoot, vsix)}`);
  const uiFiles = fs
    .readdirSync(uiDir)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort();
  const t = Date.now();
  const ui = await runStreaming(
    ['--test', '--test-reporter=spec', '--test-concurrency=1', ...uiFiles.map((f) => path.join(uiDir, f))],
    { E2E_VSIX: vsix },
  );
  count(`UI suite (${seconds(t)})`, ui, /^ℹ pass (\d+)/m, [/^ℹ fail (\d+)/m, /^ℹ cancelled (\d+)/m]);

  console.log('--- extension-host suite');
  const te = Date.now();
  const exthost = await runStreaming([path.join(repoRoot, 'test', 'e2e', 'run-exthost.mjs')]);
  count(`extension-host suite (${seconds(te)})`, exthost, /^(\d+) passed, \d+ failed/m, [
    /^\d+ passed, (\d+) failed/m,
  ]);
}
console.log(`e2e total time ${seconds(t0)}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
