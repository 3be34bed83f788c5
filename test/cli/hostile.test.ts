// The hostile corpus through the built `netpol-lens check`, as a CI job would run it on a cloned
// repository: findings or a one-line error, exit 0/1/2, no stack trace, bounded memory, terminal-safe
// text output, and no network access (a preloaded guard makes every network API throw and records it).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_MAX_FILE_SIZE } from '../../server/src/engine/parse/rules/fileTooLarge';
import { codeCounts } from '../helpers/rangeBounds';
import { HOSTILE } from '../helpers/hostileCorpus';
import type { HostileInput } from '../helpers/hostileCorpus';
import { guardEnv, readGuard, STACK_TRACE } from '../helpers/hostileGuard';
import { cliPath } from '../helpers/paths';
import type { FindingJson } from './runCli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-hostile-cli-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Peak RSS allowed for one `check` run: Node itself takes ~45 MB; the largest input is 10 MB. */
const MAX_RSS_MB = 400;
/** A C0 control character or DEL other than line feed and tab: none may reach a terminal. */
function controlIn(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 10 && c !== 9) || c === 127)
      return `U+${c.toString(16).padStart(4, '0')} at ${i}: ${JSON.stringify(text.slice(i - 40, i + 20))}`;
  }
  return undefined;
}

let runs = 0;
/** Runs the built CLI under the guard; output may be large (hostile input, many findings). */
function guarded(args: string[]) {
  const log = path.join(tmp, `guard-${runs++}.log`);
  const env: Record<string, string | undefined> = { ...process.env, ...guardEnv(log) };
  delete env['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    env,
    timeout: 60_000,
    maxBuffer: 1 << 28,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, guard: readGuard(log) };
}

function assertClean(r: ReturnType<typeof guarded>) {
  assert.doesNotMatch(r.stdout, STACK_TRACE);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
  assert.deepEqual(r.guard.network, []);
  assert.ok(
    r.guard.peakRssMB !== undefined && r.guard.peakRssMB < MAX_RSS_MB,
    `peak RSS ${r.guard.peakRssMB} MB`,
  );
}

function expectation(input: HostileInput, size: number): { codes: readonly string[]; errors: boolean } {
  if (size > DEFAULT_MAX_FILE_SIZE) return { codes: ['file-too-large'], errors: false };
  return input;
}

for (const input of HOSTILE) {
  void test(`check survives: ${input.name}`, { timeout: 120_000 }, () => {
    const file = path.join(tmp, input.file);
    const bytes = input.bytes();
    fs.writeFileSync(file, bytes);
    const want = expectation(input, bytes.length);

    const json = guarded(['check', file, '--format', 'json']);
    assertClean(json);
    assert.equal(json.stderr, '');
    assert.equal(json.status, want.errors ? 1 : 0);
    const counts = codeCounts(JSON.parse(json.stdout) as FindingJson[]);
    for (const code of want.codes) assert.ok(counts[code], `${code} expected, got ${JSON.stringify(counts)}`);

    const text = guarded(['check', file]);
    assertClean(text);
    assert.equal(text.status, json.status);
    assert.equal(
      controlIn(text.stdout),
      undefined,
      'text output carries a control character to the terminal',
    );

    const sarif = guarded(['check', file, '--format', 'sarif']);
    assertClean(sarif);
    assert.equal(sarif.status, json.status);
    assert.equal((JSON.parse(sarif.stdout) as { version: string }).version, '2.1.0');
  });
}

void test('escape sequences written as YAML escapes ("\\e", "\\a") do not reach the terminal', () => {
  const file = path.join(tmp, 'escapes.yaml');
  fs.writeFileSync(
    file,
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  "\\e]0;owned\\a\\e[2J": 1\n  "\\e]0;owned\\a\\e[2J": 2\n',
  );
  const r = guarded(['check', file]);
  assertClean(r);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /duplicate-key/);
  assert.equal(controlIn(r.stdout), undefined);
});

void test('file names with escape sequences and line breaks are printed safely', () => {
  const dir = path.join(tmp, 'names');
  fs.mkdirSync(dir);
  for (const name of ['evil\u001b[2J.yaml', 'two\nlines.yaml'])
    fs.writeFileSync(
      path.join(dir, name),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n',
    );
  const r = guarded(['check', dir]);
  assertClean(r);
  assert.equal(r.status, 1);
  assert.equal(controlIn(r.stdout), undefined);
  const json = guarded(['check', dir, '--format', 'json']);
  const files = new Set((JSON.parse(json.stdout) as FindingJson[]).map((f) => path.basename(f.file)));
  assert.deepEqual([...files].sort(), ['evil\u001b[2J.yaml', 'two\nlines.yaml']);
});

/** A folder holding a loop, a dangling link, a FIFO and a device behind manifest-looking names. */
function trapFolder(): string {
  const dir = path.join(tmp, 'traps');
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'sub', 'policy.yaml'), HOSTILE_FREE_POLICY);
  fs.symlinkSync('..', path.join(dir, 'sub', 'loop'));
  fs.symlinkSync(dir, path.join(dir, 'self'));
  fs.symlinkSync('/nonexistent/netpol-lens', path.join(dir, 'dangling.yaml'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
  execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
  return dir;
}

const HOSTILE_FREE_POLICY =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n';

void test('a folder with a symlink loop, a dangling link, a FIFO and /dev/zero: walked once, exit 0', () => {
  const dir = trapFolder();
  const r = guarded(['check', dir, '--format', 'json']);
  assertClean(r);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const findings = JSON.parse(r.stdout) as FindingJson[];
  const alone = JSON.parse(
    guarded(['check', path.join(dir, 'sub'), '--format', 'json']).stdout,
  ) as FindingJson[];
  assert.ok(alone.length > 0, 'the policy has findings (it selects no pod)');
  assert.deepEqual(
    findings.map((f) => [path.relative(dir, f.file), f.code]),
    alone.map((f) => [path.relative(dir, f.file), f.code]),
    'the policy is checked once, however many links lead to it',
  );
});

void test('a FIFO or a device named explicitly: one line on stderr, exit 2, no hang', () => {
  const dir = path.join(tmp, 'traps');
  if (!fs.existsSync(dir)) trapFolder();
  for (const name of ['fifo.yaml', 'zero.yaml', 'dangling.yaml']) {
    const r = guarded(['check', path.join(dir, name)]);
    assertClean(r);
    assert.equal(r.status, 2, name);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^netpol-lens: .+\n$/, name);
  }
});

void test('a path that does not exist: one line on stderr, exit 2', () => {
  const r = guarded(['check', path.join(tmp, 'missing.yaml')]);
  assertClean(r);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^netpol-lens: no such file or directory: .*missing\.yaml\n$/);
});

void test('a folder linking out of itself: the link is not followed, nothing outside is read or listed', () => {
  // A cloned repository can hold `leak -> /etc/...`; CI runs `netpol-lens check .` and prints what it
  // finds. Folders named on the command line are read; links inside them stay inside them.
  const repo = path.join(tmp, 'repo');
  const outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(outside, 'deeper'), { recursive: true });
  fs.writeFileSync(
    path.join(outside, 'secret.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n  name: t\n',
  );
  fs.writeFileSync(path.join(outside, 'deeper', 'more.yaml'), 'kind: Pod\nkind: Pod\n');
  fs.mkdirSync(repo);
  fs.writeFileSync(path.join(repo, 'policy.yaml'), HOSTILE_FREE_POLICY);
  fs.symlinkSync(outside, path.join(repo, 'leak'));
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(repo, 'secret.yaml'));
  const log = path.join(tmp, 'reads.log');
  const r = spawnSync(process.execPath, [cliPath, 'check', repo, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, ...guardEnv(log, { trackReads: true }) },
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as FindingJson[]).map((f) => path.relative(repo, f.file));
  assert.deepEqual([...new Set(files)], ['policy.yaml']);
  const { reads } = readGuard(log);
  assert.ok(reads.includes(path.join(fs.realpathSync(repo), 'policy.yaml')), 'reads are recorded');
  const realOutside = fs.realpathSync(outside);
  assert.deepEqual(
    reads.filter((p) => p === realOutside || p.startsWith(realOutside + path.sep)),
    [],
  );
});
