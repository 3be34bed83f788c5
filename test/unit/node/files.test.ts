// The Node-side file access shared by the CLI and the language server (server/src/node).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { findManifests, isManifestName, isSkippedFolderName } from '../../../server/src/node/findManifests';
import { loadManifests } from '../../../server/src/node/loadManifests';
import { decodeUtf8, readManifest } from '../../../server/src/node/readText';
import { makeTree, removeTree } from '../../helpers/tree';

const root = makeTree({
  'a/one.yaml': 'kind: Pod\n',
  'a/two.YML': 'kind: Pod\n',
  'a/three.json': '{}',
  'a/skip.txt': 'kind: Pod\n',
  'a/node_modules/x.yaml': 'kind: Pod\n',
  'a/.cache/y.yaml': 'kind: Pod\n',
  'b/big.yaml': 'x'.repeat(1000),
  'b/exact.yaml': 'x'.repeat(100),
});
const at = (...p: string[]) => path.join(root, ...p);
fs.symlinkSync(at('a'), at('a', 'sub-loop'));
fs.symlinkSync('self-loop.yaml', at('a', 'self-loop.yaml'));
fs.symlinkSync('nowhere.yaml', at('a', 'dangling.yaml'));
fs.symlinkSync(at('b', 'exact.yaml'), at('a', 'link-to-exact.yaml'));
after(() => removeTree(root));

void test('names: manifests by extension (any case), folders skipped by name', () => {
  assert.deepEqual(
    ['a.yaml', 'a.yml', 'a.json', 'a.YAML', 'a.txt', 'yaml', 'a.yaml.bak'].map(isManifestName),
    [true, true, true, true, false, false, false],
  );
  assert.deepEqual(['node_modules', '.git', '.github', 'src', 'node_modules2'].map(isSkippedFolderName), [
    true,
    true,
    true,
    false,
    false,
  ]);
});

void test('a walk is sorted, recursive, skips what it should, ends link loops and ignores broken links', async () => {
  const found = await findManifests([at('a')]);
  assert.deepEqual(found.problems, []);
  assert.deepEqual(
    found.files.map((f) => path.relative(root, f.path)),
    ['a/one.yaml', 'a/three.json', 'a/two.YML'],
    'a/link-to-exact.yaml leads out of a/: not listed',
  );
});

void test('a link leading to another named path is followed; its real path is kept', async () => {
  const found = await findManifests([at('a'), at('b')]);
  const link = found.files.find((f) => f.path === at('a', 'link-to-exact.yaml'));
  assert.equal(link?.realPath, fs.realpathSync(at('b', 'exact.yaml')));
});

void test('explicit paths: missing ones and loops are problems with one-line messages; duplicates collapse', async () => {
  const found = await findManifests([
    at('a', 'one.yaml'),
    'nope.yaml',
    at('a', 'self-loop.yaml'),
    at('a', 'one.yaml'),
  ]);
  assert.deepEqual(
    found.files.map((f) => f.path),
    [at('a', 'one.yaml')],
  );
  assert.deepEqual(found.problems, [
    { path: 'nope.yaml', message: 'no such file or directory: nope.yaml' },
    {
      path: at('a', 'self-loop.yaml'),
      message: `too many levels of symbolic links: ${at('a', 'self-loop.yaml')}`,
    },
  ]);
});

void test('the size cap: a file of exactly the cap is read, one byte more is skipped with file-too-large', async () => {
  const exact = await readManifest('exact.yaml', at('b', 'exact.yaml'), 100);
  assert.equal(exact.kind, 'text');
  const over = await readManifest('exact.yaml', at('b', 'exact.yaml'), 99);
  assert.deepEqual(over, {
    kind: 'too-large',
    finding: {
      file: 'exact.yaml',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'information',
      code: 'file-too-large',
      message:
        'Not analysed: the file has 100 bytes, more than the limit of 99 bytes (setting netpolLens.maxFileSize, option --max-file-size).',
    },
  });
  const loaded = await loadManifests([at('b')], { maxBytes: 500 });
  assert.deepEqual(loaded.paths, [at('b', 'big.yaml'), at('b', 'exact.yaml')]);
  assert.deepEqual(
    loaded.files.map((f) => f.path),
    [at('b', 'exact.yaml')],
  );
  assert.equal(loaded.skipped[0]!.file, at('b', 'big.yaml'));
  assert.match(loaded.skipped[0]!.message, /the file has 1000 bytes, more than the limit of 500 bytes/);
});

void test('decoding: invalid UTF-8 becomes U+FFFD, a leading BOM goes, CRLF and NUL stay', () => {
  assert.equal(decodeUtf8(Uint8Array.from([0x61, 0xff, 0x62])), 'a\ufffdb');
  assert.equal(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x00])), 'a\r\n\u0000');
  assert.equal(decodeUtf8(Buffer.from('é ✓ 🙂', 'utf8')), 'é ✓ 🙂');
});

void test(
  'an unreadable file is a problem, not a crash',
  { skip: process.getuid?.() === 0 && 'running as root' },
  async () => {
    const p = at('b', 'locked.yaml');
    fs.writeFileSync(p, 'kind: Pod\n');
    fs.chmodSync(p, 0o000);
    try {
      const loaded = await loadManifests([p]);
      assert.deepEqual(loaded.files, []);
      assert.deepEqual(loaded.problems, [{ path: p, message: `permission denied: ${p}` }]);
    } finally {
      fs.rmSync(p);
    }
  },
);

void test(
  'an unreadable folder inside a walk is a problem too',
  { skip: process.getuid?.() === 0 && 'running as root' },
  async () => {
    const dir = at('locked');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o000);
    try {
      const found = await findManifests([root]);
      assert.deepEqual(found.problems, [{ path: dir, message: `permission denied: ${dir}` }]);
    } finally {
      fs.rmdirSync(dir);
    }
  },
);
