// The CLI gives the engine's kubectl answers: `--workflow` for generateName, typed lists flattened,
// objects kubectl would misread flagged and left out, null label values as "".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { FindingJson } from './runCli';
import { runCli, runJson } from './runCli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-semantics-cli-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

const GENERATED = write(
  'generated.yaml',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  generateName: deny-\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
);

const brief = (f: FindingJson) =>
  `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.code}`;

void test('check --workflow: apply (default) rejects generateName, create accepts it with an information', () => {
  for (const args of [[], ['--workflow', 'apply']]) {
    const r = runJson<FindingJson[]>(['check', GENERATED, '--format', 'json', ...args]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.json.map(brief), ['2:0-2:8 error missing-name']);
    assert.match(r.json[0]!.message, /`kubectl create` would accept `generateName`/);
  }
  const r = runJson<FindingJson[]>(['check', GENERATED, '--format', 'json', '--workflow', 'create']);
  assert.equal(r.status, 0);
  assert.deepEqual(r.json.map(brief), ['3:16-3:21 information generated-name', '3:16-3:21 hint deny-all']);
});

void test('explain --workflow create: the policy is explained under its generated name', () => {
  const r = runJson<{ policy: string }[]>(['explain', GENERATED, '--format', 'json', '--workflow', 'create']);
  assert.equal(r.status, 0);
  assert.deepEqual(
    r.json.map((e) => e.policy.replace(/[a-z0-9]{5}$/, '?????')),
    ['default/deny-?????'],
  );
  assert.deepEqual(runJson<unknown[]>(['explain', GENERATED, '--format', 'json']).json, []);
});

void test('--workflow takes apply or create only (usage error, exit 2)', () => {
  const r = runCli(['check', GENERATED, '--workflow', 'replace']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /replace/);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
});

void test('a pod labelled `app: yes` is flagged and left out; typed lists and `role:` follow kubectl', () => {
  const dir = path.join(tmp, 'cluster');
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, 'pods.yaml'),
    'apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: web\n    labels:\n      app: web\n- metadata:\n    name: blank\n    labels:\n      app:\n- metadata:\n    name: misread\n    labels:\n      app: yes\n',
  );
  fs.writeFileSync(
    path.join(dir, 'policies.yaml'),
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n- metadata:\n    name: web-in\n  spec:\n    podSelector:\n      matchLabels:\n        app: web\n    ingress:\n    - from:\n      - podSelector:\n          matchLabels:\n            app:\n',
  );
  const check = runJson<FindingJson[]>(['check', dir, '--format', 'json']);
  assert.equal(check.status, 1);
  assert.deepEqual(
    check.json.map((f) => `${path.basename(f.file)} ${brief(f)}`),
    ['pods.yaml 14:11-14:14 error needs-quotes', 'policies.yaml 13:12-13:15 warning null-label-value'],
  );
  const m = runJson<{ pods: string[]; allowed: [string, string][] }>([
    'matrix',
    dir,
    '--port',
    '80',
    '--format',
    'json',
  ]);
  assert.deepEqual(m.json.pods, ['default/blank', 'default/web']);
  assert.deepEqual(
    m.json.allowed.filter(([, to]) => to === 'default/web'),
    [
      ['default/blank', 'default/web'],
      ['default/web', 'default/web'],
    ],
  );
});
