// `netpol-lens matrix` on the sample workspace: the seed's web/backend/db policies on TCP 5432.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runJson } from './runCli';

const SAMPLES = ['samples/seed/cluster.yaml', 'samples/seed/pods.yaml', 'samples/seed-policies-fixed.yaml'];

interface MatrixJson {
  protocol: string;
  port: number;
  pods: string[];
  allowed: [string, string][];
  classes: number;
}

const has = (m: MatrixJson, from: string, to: string) => m.allowed.some(([a, b]) => a === from && b === to);

void test('JSON: contract keys; backend -> db allowed, web -> db not; web reachable from all', () => {
  const r = runJson<MatrixJson>([
    'matrix',
    ...SAMPLES,
    '--port',
    '5432',
    '--protocol',
    'TCP',
    '--format',
    'json',
  ]);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  assert.deepEqual(Object.keys(r.json), ['protocol', 'port', 'pods', 'allowed', 'classes']);
  assert.equal(r.json.protocol, 'TCP');
  assert.equal(r.json.port, 5432);
  assert.deepEqual(r.json.pods, ['default/backend', 'default/db', 'default/web']);
  assert.ok(has(r.json, 'default/backend', 'default/db'));
  assert.ok(!has(r.json, 'default/web', 'default/db'));
  assert.ok(!has(r.json, 'default/db', 'default/backend'));
  assert.ok(has(r.json, 'default/web', 'default/backend'));
  assert.ok(has(r.json, 'default/db', 'default/web') && has(r.json, 'default/backend', 'default/web'));
  assert.ok(Number.isInteger(r.json.classes) && r.json.classes >= 1 && r.json.classes <= 3);
});

void test('--protocol defaults to TCP; the policies name no ports, so UDP gives the same verdicts', () => {
  const tcp = runJson<MatrixJson>(['matrix', ...SAMPLES, '--port', '5432', '--format', 'json']).json;
  assert.equal(tcp.protocol, 'TCP');
  const udp = runJson<MatrixJson>([
    'matrix',
    ...SAMPLES,
    '--port',
    '5432',
    '--protocol',
    'UDP',
    '--format',
    'json',
  ]).json;
  assert.equal(udp.protocol, 'UDP');
  assert.deepEqual(udp.allowed, tcp.allowed);
});

void test('text: a numbered grid, rows from and columns to, ASCII without a terminal', () => {
  const r = runCli(['matrix', ...SAMPLES, '--port', '5432']);
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout,
    [
      'TCP/5432: 4 of 6 connections allowed between 3 pods (rows: from, columns: to)',
      '',
      '                  1 2 3',
      '1 default/backend . + +',
      '2 default/db      x . +',
      '3 default/web     + x .',
      '',
      '+ allowed   x denied   . same pod (not subject to policy)',
      '',
    ].join('\n'),
  );
});

void test('with enforcement off the grid says that policies are not enforced', () => {
  const r = runCli(['matrix', ...SAMPLES, '--port', '5432', '--no-enforcement']);
  assert.match(r.stdout, /^Policies are not enforced \(plain flannel\)/m);
});

void test('files with errors: a note on stderr, the matrix still printed, exit 0', () => {
  const r = runJson<MatrixJson>([
    'matrix',
    'samples/seed/pods.yaml',
    'samples/seed/seed-policies-as-written.yaml',
    '--port',
    '5432',
    '--format',
    'json',
  ]);
  assert.equal(r.status, 0);
  assert.equal(
    r.stderr,
    'netpol-lens: note: samples/seed/seed-policies-as-written.yaml has errors; objects with errors are left out (run `netpol-lens check`)\n',
  );
  assert.equal(r.json.allowed.length, 9, 'no policy survives: everything is allowed');
});

void test('no pods: says so', () => {
  const r = runCli(['matrix', 'samples/seed-policies-fixed.yaml', '--port', '80']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, 'TCP/80: no pods in the files, nothing to evaluate.\n');
});
