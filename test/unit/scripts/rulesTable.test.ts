import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../../server/src/engine/rules';
import { withRulesTable } from '../../../scripts/rulesTable';
import { repoRoot } from '../../helpers/paths';

void test('the README documents every rule code exactly as the registry has it (npm run docs:rules)', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  assert.equal(readme, withRulesTable(readme, RULES));
});

void test('rule codes are unique and kebab-case', () => {
  const codes = RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const c of codes) assert.match(c, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});
