// netpol/changes and the "+N −M connections vs HEAD" CodeLens: the sample workspace committed to a git
// repository built here, a policy edited in the editor (not saved), the changes against HEAD; and a
// folder outside any repository, which says so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { ChangedPairsRequestType, ChangesRequestType } from '../../server/src/protocol/requests';
import { LspClient, sampleWorkspace } from './client';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

const changes = (client: LspClient, params: object | null = null) =>
  client.connection.sendRequest(ChangesRequestType, params);

void describe('in a git repository', () => {
  let ws: string;
  let client: LspClient;
  let file: string;

  before(async () => {
    ws = sampleWorkspace();
    git(ws, 'init', '-q');
    git(ws, 'add', '.');
    git(ws, 'commit', '-q', '-m', 'base');
    file = path.join(ws, 'seed-policies-fixed.yaml');
    client = await LspClient.start({ folders: [ws] });
    await client.waitForIndexed();
  });

  after(async () => {
    assert.equal(await client.stop(), 0);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  void test('nothing edited: available, no changes, the note on the file with errors at HEAD', async () => {
    const r = await changes(client);
    assert.equal(r.available, true);
    assert.match(r.base, /^HEAD \([0-9a-f]{7}\)$/);
    assert.deepEqual([r.added, r.removed, r.unchanged, r.groups, r.policies], [0, 0, 6, [], []]);
    assert.deepEqual(r.notes, [
      `HEAD: ${fs.realpathSync(path.join(ws, 'seed-policies-as-written.yaml'))} has errors; objects with errors are left out`,
    ]);
  });

  void test('an edit in the editor: the groups with their reasons and links, the policy counted, a CodeLens', async () => {
    const text = fs.readFileSync(file, 'utf8');
    const uri = await client.open(file, text);
    await client.setText(uri, text.replace(/role: backend\n$/, 'role: web\n'));
    const r = await changes(client);
    assert.equal(r.message, '1 added, 1 removed, 4 unchanged connections vs HEAD');
    assert.deepEqual(
      r.groups.map((g) => [g.change, g.fromLabel, g.toLabel, g.reason]),
      [
        ['added', 'default/web', 'default/db', 'now allowed by default/db-access-ingress ingress rule 1'],
        [
          'removed',
          'default/backend',
          'default/db',
          'default/db-access-ingress ingress rule 1 no longer allows it (isolated by default/db-access-ingress)',
        ],
      ],
    );
    assert.deepEqual(r.groups[0]!.links, [
      {
        policy: 'default/db-access-ingress',
        rule: 1,
        direction: 'ingress',
        uri,
        range: { start: { line: 28, character: 4 }, end: { line: 33, character: 0 } },
      },
    ]);
    assert.deepEqual(
      r.policies.map((p) => [p.policy, p.uri, p.range.start.line, p.added, p.removed]),
      [['default/db-access-ingress', uri, 18, 1, 1]],
    );
    const lenses = await client.codeLenses(uri);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [2, 'selects 1 pod · ingress from 1 pod', 'netpolLens.explainPolicy'],
        [18, 'selects 1 pod · ingress from 1 pod', 'netpolLens.explainPolicy'],
        [18, '+1 −1 connections vs HEAD', 'netpolLens.showChanges'],
      ],
    );
  });

  void test('one result per model version; bad parameters are InvalidParams', async () => {
    const a = await changes(client);
    const b = await changes(client);
    assert.equal(a.modelVersion, b.modelVersion);
    assert.deepEqual(a, b);
    const port = await changes(client, { port: 5432 });
    assert.deepEqual([port.added, port.removed, port.unchanged], [1, 1, 4]);
    await assert.rejects(changes(client, { port: 0 }), (err: ResponseError<unknown>) => {
      assert.equal(err.code, ErrorCodes.InvalidParams);
      return true;
    });
  });

  void test('netpol/changedPairs: every pair changed on one port, for the matrix', async () => {
    const pairs = (params: object) =>
      client.connection.sendRequest(ChangedPairsRequestType, params as { port: number });
    const r = await pairs({ port: 5432, protocol: 'TCP' });
    assert.deepEqual(
      [r.available, r.message, r.added, r.removed],
      [
        true,
        '1 added, 1 removed connections vs HEAD',
        [['default/web', 'default/db']],
        [['default/backend', 'default/db']],
      ],
    );
    assert.match(r.base, /^HEAD \([0-9a-f]{7}\)$/);
    // The rule names no port: the same pairs change on any port.
    const other = await pairs({ port: 80, protocol: 'UDP' });
    assert.deepEqual([other.added, other.removed], [r.added, r.removed]);
    await assert.rejects(pairs({}), (err: ResponseError<unknown>) => err.code === ErrorCodes.InvalidParams);
  });
});

void test('outside a git repository: not available, and why; no change CodeLens', async () => {
  const ws = sampleWorkspace();
  const client = await LspClient.start({ folders: [ws] });
  try {
    await client.waitForIndexed();
    const r = await changes(client);
    assert.equal(r.available, false);
    assert.match(r.message, /^No reachability changes to show: not inside a git repository: /);
    // The editor's words, not the CLI's `--git` hint.
    assert.match(
      r.message,
      /run Initialize Repository in the Source Control view, then commit the manifests\)\.$/,
    );
    const uri = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
    assert.equal((await client.codeLenses(uri)).length, 2);
    const pairs = await client.connection.sendRequest(ChangedPairsRequestType, { port: 80 });
    assert.deepEqual([pairs.available, pairs.added, pairs.removed], [false, [], []]);
    assert.match(pairs.message, /^No reachability changes to show: not inside a git repository: /);
  } finally {
    assert.equal(await client.stop(), 0);
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
