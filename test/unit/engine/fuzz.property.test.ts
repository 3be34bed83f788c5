// Property tests: valid manifests mutated the way hurried edits break them (lines deleted, duplicated,
// values retyped, re-indented, stray characters, cut short) never make the engine throw, and every
// finding range stays inside the mutated text. FUZZ_SEED=<n> FUZZ_RUNS=<n> explore further.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { generateWorkspace } from '../../../bench/generate';
import { traceConnection } from '../../../server/src/engine/dataplane/trace';
import { computeMatrix } from '../../../server/src/engine/matrix';
import { podKey } from '../../../server/src/engine/model';
import { peerMatchesSomePod } from '../../../server/src/engine/matching';
import { evaluateConnection, matchPeer } from '../../../server/src/engine/reachability';
import { analyseFile, Workspace } from '../../../server/src/engine/workspace';
import { samplesDir } from '../../helpers/paths';
import { outOfBounds } from '../../helpers/rangeBounds';

const seed = Number(process.env['FUZZ_SEED'] ?? 20240611);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 300);

const generated = generateWorkspace({ seed: 11, pods: 6, policies: 6, namespaces: 3, apps: 4 });
const bases = [
  ...generated.files,
  ...fs
    .readdirSync(samplesDir)
    .map((name) => ({ name, text: fs.readFileSync(path.join(samplesDir, name), 'utf8') })),
];

type Mutation =
  | { kind: 'delete' | 'duplicate'; at: number; block: boolean }
  | { kind: 'retype'; at: number; value: string }
  | { kind: 'reindent'; at: number; delta: number }
  | { kind: 'tab'; at: number }
  | { kind: 'insert'; at: number; column: number; text: string }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'truncate'; at: number };

const VALUES = [
  '[1, 2]',
  '{a: 1}',
  '5',
  '-1',
  '99999999999999999999',
  '1.5e300',
  'null',
  '~',
  'true',
  '""',
  "''",
  '*a',
  '&a x',
  '!!binary aGk=',
  '!custom x',
  '[]',
  '{}',
  '|\n  text',
  '0x1F',
  '"80"',
  'yes',
  'SCTP',
  '10.0.0.0/8',
  '::1/128',
  '<<: {a: b}',
  'a: b: c',
];
const STRAY = [
  '\r',
  '\r\n',
  ':',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '&a ',
  '*a',
  '<<: ',
  '!!binary ',
  '#',
  '\u0000',
  '\t',
  '\ufeff',
  '\ud800',
  '---\n',
  '...\n',
  '? ',
  '|',
  '>',
  ',',
  '%YAML 1.1\n',
  '\u2028',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete' as const, 'duplicate' as const),
    at: fc.nat(),
    block: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('reindent' as const), at: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('tab' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    column: fc.nat(),
    text: fc.constantFrom(...STRAY),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

const indentOf = (line: string) => /^ */.exec(line)![0].length;

/** The line and the more-indented lines under it. */
function blockEnd(lines: readonly string[], i: number): number {
  let end = i + 1;
  while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > indentOf(lines[i]!)))
    end++;
  return end;
}

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  const line = lines[i]!;
  switch (m.kind) {
    case 'delete':
    case 'duplicate': {
      const end = m.block ? blockEnd(lines, i) : i + 1;
      const chunk = lines.slice(i, end);
      lines.splice(i, end - i, ...(m.kind === 'duplicate' ? [...chunk, ...chunk] : []));
      break;
    }
    case 'retype': {
      const colon = line.indexOf(': ');
      const dash = /^\s*- /.exec(line);
      if (colon >= 0) lines[i] = line.slice(0, colon + 2) + m.value;
      else if (dash) lines[i] = dash[0] + m.value;
      else lines[i] = line + m.value;
      break;
    }
    case 'reindent':
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + line : line.slice(Math.min(-m.delta, indentOf(line)));
      break;
    case 'tab':
      lines[i] = line.replace(/^ {1,2}/, '\t');
      break;
    case 'insert': {
      const c = m.column % (line.length + 1);
      lines[i] = line.slice(0, c) + m.text + line.slice(c);
      break;
    }
    case 'swap': {
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j]!, line];
      break;
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
  return lines.join('\n');
}

const describe = (problems: string[], text: string) => `${problems.join('\n')}\n--- text ---\n${text}`;

void test('mutated manifests: analyseFile never throws and keeps ranges inside the text', () => {
  fc.assert(
    fc.property(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 6 }), (base, ms) => {
      const text = ms.reduce(mutate, base.text);
      const { findings } = analyseFile({ path: base.name, text });
      const problems = outOfBounds(text, findings);
      assert.deepEqual(problems, [], describe(problems, text));
    }),
    { seed, numRuns },
  );
});

void test('mutated manifests in a workspace: topology and lints never throw, ranges inside the text', () => {
  fc.assert(
    fc.property(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (k, ms) => {
      const ws = new Workspace();
      bases.forEach((b, j) =>
        ws.setFile({ path: b.name, text: j === k ? ms.reduce(mutate, b.text) : b.text }),
      );
      ws.topology();
      for (const b of bases) {
        const text = ws.file(b.name)!.parsed.text;
        const problems = outOfBounds(text, ws.findings(b.name));
        assert.deepEqual(problems, [], describe(problems, text));
      }
    }),
    { seed: seed + 1, numRuns: Math.ceil(numRuns / 3) },
  );
});

void test('mutated workspaces: the class matrix agrees with pair-by-pair evaluation, peerMatchesSomePod with matchPeer; traces never throw', () => {
  fc.assert(
    fc.property(
      fc.nat(bases.length - 1),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      fc.constantFrom(53, 80, 5432, 8080),
      fc.constantFrom('TCP' as const, 'UDP' as const),
      (k, ms, port, protocol) => {
        const ws = new Workspace();
        bases.forEach((b, j) =>
          ws.setFile({ path: b.name, text: j === k ? ms.reduce(mutate, b.text) : b.text }),
        );
        const topology = ws.topology();
        const matrix = computeMatrix(topology, port, protocol);
        const allowed = new Set(matrix.allowed.map(([a, b]) => `${a} ${b}`));
        for (const src of topology.pods)
          for (const dst of topology.pods) {
            if (src === dst) continue;
            const pair = `${podKey(src)} ${podKey(dst)}`;
            assert.equal(
              allowed.has(pair),
              evaluateConnection(topology, src, dst, port, protocol).allowed,
              pair,
            );
          }
        for (const policy of topology.policies)
          for (const rule of [...policy.ingress, ...policy.egress])
            for (const peer of rule.peers ?? [])
              assert.equal(
                peerMatchesSomePod(topology, policy.namespace, peer),
                matchPeer(topology, policy.namespace, peer).pods.length > 0,
              );
        const [first, last] = [topology.pods[0], topology.pods[topology.pods.length - 1]];
        if (first && last)
          traceConnection(topology, { from: podKey(first), to: podKey(last), port, protocol });
      },
    ),
    { seed: seed + 2, numRuns: Math.ceil(numRuns / 6) },
  );
});
