// Properties over random input: mutated valid policies and randomly shaped objects never make the
// validation throw; every finding and every fix edit lies inside the text; fixes apply and re-analyse.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { applyEdits } from '../../../../server/src/engine/edits';
import type { Finding } from '../../../../server/src/engine/types';
import { analyseFile } from '../../../../server/src/engine/workspace';
import { fixture } from '../../../helpers/paths';
import { outOfBounds } from '../../../helpers/rangeBounds';
import { np } from './helpers';

/** Runs per property; raise with FC_RUNS for a longer search. */
const RUNS = Number(process.env['FC_RUNS'] ?? 600);

const corpus = fs.readFileSync(fixture('validate', 'valid-policies.yaml'), 'utf8');
const documents = corpus.split(/^---\n/m);

/** Checks ranges (findings, related locations, fix edits), applies every fix, and re-analyses the result: nothing may throw. */
function checkAll(text: string): Finding[] {
  const findings = [...analyseFile({ path: 'p.yaml', text }).findings];
  assert.deepEqual(outOfBounds(text, findings), []);
  for (const f of findings) {
    assert.notEqual(f.code, 'validation-failed', f.message);
    for (const fix of f.fixes ?? []) analyseFile({ path: 'p.yaml', text: applyEdits(text, fix.edits) });
  }
  return findings;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ' ',
      '  ',
      '-',
      '- ',
      ':',
      ': ',
      '\n',
      '{',
      '}',
      '[',
      ']',
      '"',
      "'",
      '#',
      'x',
      '0',
      'yes',
      '~',
      '/',
      '\t',
      '&a',
      '*a',
    ),
  }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'indent': {
      const i = m.line % lines.length;
      const line = lines[i]!;
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'swap': {
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
  }
}

void test('mutated valid policies never throw, and findings and fixes stay inside the text', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...documents),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (doc, ms) => {
        checkAll(ms.reduce(mutate, doc));
      },
    ),
    { numRuns: RUNS },
  );
});

const FIELDS = [
  'podSelector',
  'namespaceSelector',
  'ipBlock',
  'ingress',
  'egress',
  'from',
  'to',
  'ports',
  'port',
  'endPort',
  'protocol',
  'cidr',
  'except',
  'policyTypes',
  'matchLabels',
  'matchExpressions',
  'key',
  'operator',
  'values',
  'app',
  'spec',
  'metadata',
  'name',
  'labels',
];

const leaf = fc.oneof(
  fc.constantFrom(
    'TCP',
    'tcp',
    'In',
    'Exists',
    'Ingress',
    'egress',
    '10.0.0.0/8',
    '10.0.0.1/24',
    'fd00::/64',
    'http',
    '80',
    'yes',
    '',
    'a b',
  ),
  fc.integer({ min: -5, max: 70000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('map'), tie('list')),
  map: fc.dictionary(fc.constantFrom(...FIELDS), tie('node'), { maxKeys: 4 }),
  list: fc.array(tie('node'), { maxLength: 3 }),
})).node;

void test('randomly shaped specs never throw, and findings and fixes stay inside the text', () => {
  fc.assert(
    fc.property(value, fc.boolean(), (spec, flow) => {
      const text = stringify(
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec },
        flow ? { collectionStyle: 'flow' } : {},
      );
      checkAll(text);
    }),
    { numRuns: RUNS },
  );
});

void test('the valid corpus and a policy with every feature stay clean under re-indentation of the whole text', () => {
  const text = np(
    'podSelector:\n  matchLabels: {app: web}\ningress:\n- from:\n  - ipBlock: {cidr: 10.0.0.0/8}\n  ports:\n  - {port: 80, endPort: 90}',
  );
  const indented = text
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
  assert.deepEqual(
    checkAll(`list:\n${indented}`).filter((f) => f.severity === 'error'),
    [],
  );
});
