// `netpol-lens diff` run as a CI job runs it: two folders, or the work tree against a git revision of
// a repository built here; every format and exit code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli, runJson } from './runCli';
import { makeTree, removeTree } from '../helpers/tree';

const APP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db, ports: [{name: postgres, containerPort: 5432}]}]}
`;

const policy = (from: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-access, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: ${from}}}}]
      ports: [{port: postgres}]
`;

/** Base: db reachable from nothing but app=api (there is none); head: from web too. */
const BASE = { 'app.yaml': APP, 'policies/db.yaml': policy('api') };
const HEAD = { 'app.yaml': APP, 'policies/db.yaml': policy('web') };

const trees: string[] = [];
const tree = (files: Record<string, string>) => {
  const root = makeTree(files);
  trees.push(root);
  return root;
};
after(() => trees.forEach(removeTree));

interface DiffJson {
  added: { from: string; to: string; protocol: string; port: number; reason: string; causes: unknown[] }[];
  removed: unknown[];
  unchanged: number;
  pods: { added: string[]; removed: string[] };
  groups: { change: string; fromLabel: string; toLabel: string; connections: number }[];
  notes: string[];
}

void describe('diff <base> <head>', () => {
  const base = tree(BASE);
  const head = tree(HEAD);

  void test('text: a summary, then the groups a reviewer reads', () => {
    const r = runCli(['diff', base, head]);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        `Reachability changes from ${base} to ${head}`,
        '6 connections added, 0 removed, 14 unchanged.',
        '',
        'Added: 6 connections',
        '  + 3 pods of deploy/shop/web → 2 pods of deploy/shop/db on TCP 5432 (6): now allowed by shop/db-access ingress rule 1',
        '',
      ].join('\n'),
    );
  });

  void test('JSON: the contract keys first, one item per connection with its reason', () => {
    const r = runJson<DiffJson>(['diff', base, head, '--format', 'json']);
    assert.equal(r.status, 0);
    assert.deepEqual(Object.keys(r.json), [
      'added',
      'removed',
      'unchanged',
      'pods',
      'groups',
      'ports',
      'notes',
    ]);
    assert.equal(r.json.added.length, 6);
    assert.deepEqual(r.json.removed, []);
    assert.equal(r.json.unchanged, 14);
    assert.deepEqual(r.json.pods, { added: [], removed: [] });
    const first = r.json.added[0]!;
    assert.match(first.from, /^shop\/web-[a-z0-9]+-[a-z0-9]+$/);
    assert.match(first.to, /^shop\/db-/);
    assert.deepEqual(
      { protocol: first.protocol, port: first.port, reason: first.reason, causes: first.causes },
      {
        protocol: 'TCP',
        port: 5432,
        reason: 'now allowed by shop/db-access ingress rule 1',
        causes: [{ direction: 'ingress', kind: 'allowed-by', policy: 'shop/db-access', rule: 1 }],
      },
    );
    assert.equal(new Set(r.json.added.map((a) => `${a.from} ${a.to}`)).size, 6);
  });

  void test('markdown: the summary line first, then a table', () => {
    const r = runCli(['diff', base, head, '--format', 'markdown']);
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n');
    assert.equal(
      lines[0],
      `**Reachability changes** (${base} → ${head}): 6 connections added, 0 removed, 14 unchanged.`,
    );
    assert.deepEqual(lines.slice(2, 5), [
      '| | from | to | ports | connections | reason |',
      '|---|---|---|---|--:|---|',
      '| ➕ added | 3 pods of deploy/shop/web | 2 pods of deploy/shop/db | TCP 5432 | 6 | now allowed by shop/db-access ingress rule 1 |',
    ]);
  });

  void test('--fail-on: 1 when such a change exists, 0 otherwise', () => {
    const cases: [string[], string, number][] = [
      [[base, head], 'added', 1],
      [[base, head], 'any', 1],
      [[base, head], 'removed', 0],
      [[head, base], 'removed', 1],
      [[base, base], 'any', 0],
    ];
    for (const [sides, failOn, status] of cases)
      assert.equal(
        runCli(['diff', ...sides, '--fail-on', failOn]).status,
        status,
        `${failOn} ${sides.join(' ')}`,
      );
  });

  void test('--port: every pair on that port', () => {
    const r = runJson<DiffJson>(['diff', base, head, '--port', '5432', '--format', 'json']);
    assert.equal(r.json.added.length, 6);
    assert.equal(r.json.unchanged, 5 * 4 - 6);
  });

  void test('usage and I/O problems: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['diff', base], /^netpol-lens: diff takes two paths, <base> and <head> \(got 1\)/],
      [['diff', base, path.join(base, 'missing')], /^netpol-lens: no such file or directory: .*missing\n$/],
      [
        ['diff', base, head, '--format', 'sarif'],
        /^netpol-lens: option '--format <format>' argument 'sarif' is invalid/,
      ],
      [
        ['diff', base, head, '--fail-on', 'all'],
        /^netpol-lens: option '--fail-on <change>' argument 'all' is invalid/,
      ],
      [['diff', base, head, '--port', '0'], /^netpol-lens: option '--port <N>' argument '0' is invalid/],
    ];
    for (const [args, stderr] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(r.stdout, '');
    }
  });

  void test('a base that does not parse: the diff of what parses, and a note naming the file', () => {
    const broken = tree({ ...BASE, 'policies/db.yaml': policy('api').replace('ingress:', 'ingress: [') });
    const r = runJson<DiffJson>(['diff', broken, head, '--format', 'json']);
    assert.equal(r.status, 0);
    const file = path.join(broken, 'policies/db.yaml');
    assert.equal(r.stderr, `netpol-lens: note: base: ${file} has errors; objects with errors are left out\n`);
    assert.deepEqual(r.json.notes, [`base: ${file} has errors; objects with errors are left out`]);
    // Without the base's policy, db was open to all: only db's own replicas lose access.
    assert.deepEqual(
      r.json.groups.map((g) => `${g.change} ${g.fromLabel} → ${g.toLabel} ${g.connections}`),
      ['removed 2 pods of deploy/shop/db → 2 pods of deploy/shop/db 2'],
    );
    const md = runCli(['diff', broken, head, '--format', 'markdown']).stdout;
    assert.match(md, /\n> base: .*db\.yaml has errors; objects with errors are left out {2}\n$/);
  });

  void test('a large diff shows its first groups and counts the rest', () => {
    const open = tree({ 'app.yaml': APP });
    const closed = tree({
      'app.yaml': APP,
      'deny.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`,
    });
    const r = runCli(['diff', open, closed, '--max-groups', '1']);
    assert.equal(r.status, 0);
    assert.match(
      r.stdout,
      /\n {2}- all 5 pods → 3 pods of deploy\/shop\/web on TCP 8080 \(12\): .*\n {2}… and 1 more group \(8 connections\); --format json lists every connection\n$/,
    );
  });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

void describe('diff --git <rev>', () => {
  const repo = tree(BASE);
  git(repo, 'init', '-q', '-b', 'main');
  git(
    repo,
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'empty',
  );
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
  fs.writeFileSync(path.join(repo, 'policies/db.yaml'), policy('web'));

  void test('the work tree against HEAD; nothing checked out or left behind', () => {
    const r = runJson<DiffJson>(['diff', '--git', 'HEAD', '--format', 'json'], { cwd: repo });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.json.added.length, 6);
    assert.equal(git(repo, 'status', '--porcelain'), ' M policies/db.yaml\n');
    assert.equal(git(repo, 'worktree', 'list').trim().split('\n').length, 1);
    assert.equal(git(repo, 'stash', 'list'), '');
  });

  void test('paths relative to a subfolder; text names the revision', () => {
    const r = runCli(['diff', '--git', 'HEAD', 'db.yaml', '../app.yaml'], {
      cwd: path.join(repo, 'policies'),
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Reachability changes from HEAD \([0-9a-f]{7}\) to work tree\n6 connections added/,
    );
  });

  void test('a revision where the files did not exist yet: everything is new', () => {
    const r = runJson<DiffJson>(['diff', '--git', 'HEAD~1', '--format', 'json'], { cwd: repo });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.json.pods.added.length, 5);
    assert.deepEqual(r.json.added, []);
  });

  void test('outside a repository, an unknown revision, a path outside: one line, exit 2', () => {
    const outside = tree({ 'a.yaml': APP });
    const cases: [string[], string, RegExp][] = [
      [['diff', '--git', 'HEAD'], outside, /^netpol-lens: not inside a git repository: /],
      [
        ['diff', '--git', 'no-such-branch'],
        repo,
        /^netpol-lens: unknown revision: no-such-branch \(not a commit of this repository\)\n$/,
      ],
      [['diff', '--git', '--upload-pack=x'], repo, /^netpol-lens: not a revision: --upload-pack=x\n$/],
      [['diff', '--git', 'HEAD', outside], repo, /^netpol-lens: outside the repository: /],
      [
        ['diff', '--git', 'HEAD', 'nothing-here'],
        repo,
        /^netpol-lens: no such file or directory: nothing-here \(neither in the work tree nor at HEAD\)\n$/,
      ],
    ];
    for (const [args, cwd, stderr] of cases) {
      const r = runCli(args, { cwd });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, stderr);
    }
  });
});
