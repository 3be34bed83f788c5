// The CLI summarises large pods files in a worker thread while it analyses the policies
// (node/fillWorkspace.ts): every command prints the same bytes with the worker as without it
// (NETPOL_LENS_WORKERS=0), on a generated workspace the worker takes its pods file of when asked
// for (NETPOL_LENS_WORKERS=1; by default only from 2 MB).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { generateWorkspace } from '../../bench/generate';
import { ASKED_WORKER_COSTS, planWorkers } from '../../server/src/node/fillWorkspace';
import { makeTree, removeTree } from '../helpers/tree';
import { runCli } from './runCli';

const spec = { seed: 11, pods: 800, policies: 300, podsPerFile: 802 };
const base = generateWorkspace(spec);
const podsFile = base.files.find((f) => f.name === 'pods-000.yaml')!;
/** Policies with mistakes in half of them: findings to report. */
const withMistakes = generateWorkspace({ ...spec, mistakes: 0.5 }).files;
/** A later revision: the first ten policies deleted, five pods relabelled (a changed pods file). */
const revised = base.files.map((f) => {
  if (f.name === 'policies.yaml') return { ...f, text: f.text.split('---\n').slice(10).join('---\n') };
  let n = 0;
  const relabel = (label: string) => (n++ < 5 ? 'app: app-9' : label);
  return f === podsFile ? { ...f, text: f.text.replace(/app: app-\d+/g, relabel) } : f;
});
const folder = (files: readonly { name: string; text: string }[]) =>
  makeTree(Object.fromEntries(files.map((f) => [f.name, f.text])));
const baseDir = folder(base.files);
const mistakesDir = folder(withMistakes);
const revisedDir = folder(revised);
after(() => [baseDir, mistakesDir, revisedDir].forEach(removeTree));

/** stdout, stderr and status of a command, with and without the worker. */
function both(args: readonly string[]) {
  const run = (workers: string) =>
    runCli(args, { env: { NETPOL_LENS_WORKERS: workers }, maxBuffer: 64 * 1024 * 1024 });
  return { serial: run('0'), parallel: run('1') };
}

void describe('the CLI with a summary worker', () => {
  void test('the workspace is large enough for the worker to take its pods file; the revision changes that file', () => {
    const plan = planWorkers(
      base.files.map((f) => ({ bytes: f.text.length, summarisable: !f.text.includes('NetworkPolicy') })),
      1,
      ASKED_WORKER_COSTS,
    );
    assert.deepEqual(
      plan.inWorkers.map((i) => base.files[i]!.name),
      [podsFile.name],
    );
    assert.notEqual(revised.find((f) => f.name === podsFile.name)!.text, podsFile.text);
  });

  const commands: [string, string[]][] = [
    ['check (JSON, with findings)', ['check', mistakesDir, '--format', 'json']],
    ['matrix (JSON)', ['matrix', baseDir, '--port', '8080', '--format', 'json']],
    ['explain (JSON)', ['explain', path.join(baseDir, 'policies.yaml'), baseDir, '--format', 'json']],
    ['diff of two folders (JSON)', ['diff', baseDir, revisedDir, '--port', '8080', '--format', 'json']],
  ];
  for (const [name, args] of commands)
    void test(`${name}: the same output`, () => {
      const { serial, parallel } = both(args);
      assert.ok(serial.stdout.length > 1000, serial.stderr);
      assert.equal(parallel.status, serial.status);
      assert.equal(parallel.stderr, serial.stderr);
      assert.equal(parallel.stdout, serial.stdout);
    });
});
