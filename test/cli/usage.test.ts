// Usage and I/O problems: exit 2, exactly one line on stderr, nothing on stdout, no stack trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { cliPath, repoRoot } from '../helpers/paths';
import { runCli } from './runCli';
import { DUPLICATE_KEY_POLICY, makeTree, removeTree } from '../helpers/tree';

const SEED = 'samples/seed/seed-policies-as-written.yaml';

function assertUsageError(args: string[], expected: string | RegExp): void {
  const r = runCli(args);
  assert.equal(r.status, 2, `exit code of ${args.join(' ')}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 2, `one line on stderr, got ${JSON.stringify(r.stderr)}`);
  assert.equal(lines[1], '');
  if (typeof expected === 'string') assert.equal(lines[0], expected);
  else assert.match(lines[0]!, expected);
  assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/, 'no stack trace');
}

void test('a missing path', () => {
  assertUsageError(
    ['check', 'no-such-file.yaml'],
    'netpol-lens: no such file or directory: no-such-file.yaml',
  );
});

void test('several missing paths still make one line', () => {
  assertUsageError(
    ['check', 'missing-1.yaml', SEED, 'missing-2.yaml'],
    'netpol-lens: no such file or directory: missing-1.yaml (and 1 more problem)',
  );
});

void test('a device is not a manifest', () => {
  assertUsageError(['check', '/dev/null'], 'netpol-lens: not a regular file or folder: /dev/null');
});

void test('an unknown flag', () => {
  assertUsageError(['check', SEED, '--bogus'], "netpol-lens: unknown option '--bogus'");
});

void test('a misspelt flag gets a suggestion on the same line', () => {
  assertUsageError(
    ['check', SEED, '--formt', 'json'],
    "netpol-lens: unknown option '--formt' (Did you mean --format?)",
  );
});

void test('an unknown command, and no command', () => {
  assertUsageError(['chek', SEED], "netpol-lens: unknown command 'chek' (Did you mean check?)");
  assertUsageError([], 'netpol-lens: missing command; run `netpol-lens --help` for the commands');
});

void test('no paths', () => {
  assertUsageError(['check'], "netpol-lens: missing required argument 'paths'");
});

void test('a bad --format', () => {
  assertUsageError(
    ['check', SEED, '--format', 'xml'],
    "netpol-lens: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.",
  );
});

void test('bad --nodes and --max-file-size values', () => {
  for (const v of ['0', '257', '-1', '2.5', 'two'])
    assertUsageError(
      ['check', SEED, '--nodes', v],
      /^netpol-lens: option '--nodes <N>' argument '.*' is invalid\. Expected an integer from 1 to 256\.$/,
    );
  assertUsageError(['check', SEED, '--max-file-size', '1MB'], /argument '1MB' is invalid/);
});

void test('matrix: --port is a number from 1 to 65535, a port name or "declared", and is required', () => {
  const opt = "option '--port <N|name|declared>'";
  for (const v of ['0', '65536'])
    assertUsageError(
      ['matrix', 'samples', '--port', v],
      `netpol-lens: ${opt} argument '${v}' is invalid. Expected an integer from 1 to 65535.`,
    );
  for (const v of ['80.5', '-1', '', 'HTTP', 'a--b', 'http-', 'a-name-longer-than-15'])
    assertUsageError(
      ['matrix', 'samples', '--port', v],
      `netpol-lens: ${opt} argument '${v}' is invalid. Expected a port number from 1 to 65535, a port name (such as http), or "declared".`,
    );
  assertUsageError(['matrix', 'samples'], `netpol-lens: required ${opt} not specified`);
});

void test('matrix: --protocol is exactly TCP, UDP or SCTP', () => {
  for (const v of ['tcp', 'ICMP', 'TCP '])
    assertUsageError(
      ['matrix', 'samples', '--port', '80', '--protocol', v],
      `netpol-lens: option '--protocol <protocol>' argument '${v}' is invalid. Allowed choices are TCP, UDP, SCTP.`,
    );
});

void test('explain: a bad --format (sarif is for check only)', () => {
  assertUsageError(
    ['explain', 'samples', '--format', 'sarif'],
    "netpol-lens: option '--format <format>' argument 'sarif' is invalid. Allowed choices are text, json.",
  );
});

void test('--version and --help succeed on stdout', () => {
  const v = runCli(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
  const h = runCli(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /^Usage: netpol-lens \[options\] \[command\]/);
  for (const command of ['check', 'matrix', 'trace', 'explain'])
    assert.match(h.stdout, new RegExp(`\\n  ${command} \\[options\\] <paths\\.\\.\\.>`));
  assert.match(h.stdout, /2 {2}usage or I\/O problem/);
  const c = runCli(['check', '--help']);
  assert.equal(c.status, 0);
  assert.match(c.stdout, /--no-enforcement/);
  assert.equal(c.stderr, '');
});

void test('a reader that stops early (`| head`) ends the command quietly', async () => {
  const root = makeTree({ 'big.yaml': ('---\n' + DUPLICATE_KEY_POLICY).repeat(5000) });
  try {
    const child = spawn(process.execPath, [cliPath, 'check', root, '--format', 'json'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.notEqual(code, 2);
    assert.notEqual(code, null);
  } finally {
    removeTree(root);
  }
});
