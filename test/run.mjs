// Runs the test suites on the built files and ends with one line CI can read: "N passed, N failed".
// Usage: node test/run.mjs [suite…]   suites: unit lsp cli e2e (default: all)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const NODE_SUITES = ['unit', 'lsp', 'cli'];
const asked = process.argv.slice(2);
const suites = asked.length ? asked : [...NODE_SUITES, 'e2e'];
const totals = { passed: 0, failed: 0 };

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Runs a command, echoing its output, and returns the counts it reported. */
function runCounted(label, cmd, args) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });
  process.stdout.write(r.stdout ?? '');
  const out = r.stdout ?? '';
  const num = (re) => Number((re.exec(out) ?? [])[1] ?? 0);
  let passed = num(/^ℹ pass (\d+)/m) || num(/^(\d+) passed, \d+ failed/m);
  let failed = num(/^ℹ fail (\d+)/m) + num(/^ℹ cancelled (\d+)/m) || num(/^\d+ passed, (\d+) failed/m);
  if (r.status !== 0 && failed === 0) failed = 1; // a crash or non-zero exit counts as a failure
  if (passed === 0 && failed === 0) failed = 1; // a suite that ran no test is a failure
  totals.passed += passed;
  totals.failed += failed;
}

for (const suite of suites) {
  if (NODE_SUITES.includes(suite)) {
    const files = testFiles(path.join(root, 'out', 'test', suite));
    if (!files.length) {
      console.log(`\n=== ${suite}: no test files built ===`);
      totals.failed += 1;
      continue;
    }
    runCounted(suite, process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files]);
  } else if (suite === 'e2e') {
    const runner = path.join(root, 'test', 'e2e', 'run.mjs');
    if (fs.existsSync(runner)) runCounted('e2e', process.execPath, [runner]);
  } else {
    console.error(`unknown suite: ${suite}`);
    process.exit(2);
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
