// `check` on folders: recursion, *.yaml/*.yml/*.json only, node_modules and dot-folders skipped,
// symbolic link loops harmless, paths reported relative to the argument.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { readFixture } from '../helpers/paths';
import { runCli, runJson } from './runCli';
import type { FindingJson } from './runCli';
import { DUPLICATE_KEY_POLICY, makeTree, removeTree } from '../helpers/tree';

const root = makeTree({
  'manifests/a.yaml': DUPLICATE_KEY_POLICY,
  'manifests/nested/deeper/b.yml': DUPLICATE_KEY_POLICY,
  'manifests/nested/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }),
  'manifests/notes.txt': DUPLICATE_KEY_POLICY,
  'manifests/workflow.yml': readFixture('cli', 'github-workflow.yml'),
  'manifests/node_modules/pkg/d.yaml': DUPLICATE_KEY_POLICY,
  'manifests/.git/e.yaml': DUPLICATE_KEY_POLICY,
  'manifests/.hidden/f.yaml': DUPLICATE_KEY_POLICY,
});
fs.symlinkSync('..', path.join(root, 'manifests', 'nested', 'loop'));
after(() => removeTree(root));

const filesWithFindings = (findings: FindingJson[]) => [...new Set(findings.map((f) => f.file))];

void test('a folder is walked recursively; node_modules, dot-folders and other extensions are skipped', () => {
  const r = runJson<FindingJson[]>(['check', 'manifests', '--format', 'json'], { cwd: root });
  assert.equal(r.status, 1);
  assert.deepEqual(filesWithFindings(r.json), [
    path.join('manifests', 'a.yaml'),
    path.join('manifests', 'nested', 'deeper', 'b.yml'),
  ]);
  assert.ok(r.json.every((f) => f.code === 'duplicate-key'));
});

void test('the summary counts every manifest read once, even through a symlink loop', () => {
  const r = runCli(['check', 'manifests'], { cwd: root });
  assert.equal(r.status, 1);
  assert.equal(r.stdout.trimEnd().split('\n').at(-1), '2 errors, 0 warnings in 4 files');
});

void test('paths are joined to the argument; a link leading out of the named folder is not followed', () => {
  const r = runJson<FindingJson[]>(['check', './manifests/nested/', '--format', 'json'], { cwd: root });
  assert.deepEqual(filesWithFindings(r.json), [path.join('manifests', 'nested', 'deeper', 'b.yml')]);
  const abs = runJson<FindingJson[]>(['check', path.join(root, 'manifests'), '--format', 'json']);
  assert.equal(filesWithFindings(abs.json)[0], path.join(root, 'manifests', 'a.yaml'));
});

void test('a dot-folder named explicitly is walked; a file named explicitly is read whatever its extension', () => {
  const hidden = runJson<FindingJson[]>(['check', 'manifests/.hidden', '--format', 'json'], { cwd: root });
  assert.deepEqual(filesWithFindings(hidden.json), [path.join('manifests', '.hidden', 'f.yaml')]);
  const txt = runJson<FindingJson[]>(['check', 'manifests/notes.txt', '--format', 'json'], { cwd: root });
  assert.deepEqual(filesWithFindings(txt.json), ['manifests/notes.txt']);
});

void test('a file named twice, or reached twice, is checked once', () => {
  const r = runJson<FindingJson[]>(
    ['check', 'manifests/a.yaml', 'manifests', 'manifests/a.yaml', '--format', 'json'],
    {
      cwd: root,
    },
  );
  assert.equal(r.json.filter((f) => f.file.endsWith('a.yaml')).length, 1);
  assert.equal(r.json.length, 2);
});
