import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

interface Rule {
  match?: string;
  begin?: string;
  captures?: Record<string, { name: string }>;
  beginCaptures?: Record<string, { name: string }>;
  patterns?: Rule[];
  include?: string;
}
const grammar = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'syntaxes', 'netpol.injection.tmLanguage.json'), 'utf8'),
) as {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
};

/** The top-level rules in grammar order (TextMate tries them in order at each position). */
const rules = grammar.patterns.map((p) => grammar.repository[(p.include ?? '').slice(1)] as Rule);

/** Scopes given to each captured text by the first rule that matches the line (as TextMate would at column 0). */
function tokenize(line: string): Record<string, string> {
  for (const rule of rules) {
    const source = rule.match ?? rule.begin;
    const m = source ? new RegExp(source).exec(line) : null;
    if (!m) continue;
    const caps = rule.captures ?? rule.beginCaptures ?? {};
    const out: Record<string, string> = {};
    for (const [i, c] of Object.entries(caps)) if (m[Number(i)]) out[m[Number(i)] as string] = c.name;
    return out;
  }
  return {};
}

const KEY = 'entity.name.tag.yaml support.type.property-name.networkpolicy.yaml';

void describe('NetworkPolicy injection grammar', () => {
  void it('injects into YAML outside comments and strings', () => {
    assert.equal(grammar.injectionSelector, 'L:source.yaml -comment -string -meta.embedded -meta.scalar');
    assert.equal(grammar.scopeName, 'netpol-lens.injection');
  });

  void it('highlights the NetworkPolicy keys at key positions', () => {
    for (const key of [
      'podSelector',
      'namespaceSelector',
      'ipBlock',
      'policyTypes',
      'ingress',
      'egress',
      'matchLabels',
      'matchExpressions',
      'ports',
      'except',
    ]) {
      assert.equal(tokenize(`  ${key}:`)[key], KEY, key);
    }
    assert.deepEqual(tokenize('  - from:'), {
      '-': 'punctuation.definition.block.sequence.item.yaml',
      from: KEY,
      ':': 'punctuation.separator.key-value.mapping.yaml',
    });
    assert.equal(tokenize('    - podSelector: {}').podSelector, KEY);
    assert.equal(tokenize('  to: # comment')['to'], KEY);
  });

  void it('leaves other keys, values and comments alone', () => {
    for (const line of [
      '  podSelectorX:',
      '  name: podSelector',
      '# podSelector:',
      '  description: "ingress: x"',
      '  fromage: 1',
      'x podSelector:',
    ])
      assert.deepEqual(tokenize(line), {}, line);
  });

  void it('highlights CIDRs after cidr:, as except items and in flow lists', () => {
    assert.deepEqual(tokenize('      cidr: 10.244.0.0/16'), {
      cidr: KEY,
      ':': 'punctuation.separator.key-value.mapping.yaml',
      '10.244.0.0/16': 'constant.numeric.cidr.networkpolicy.yaml',
    });
    assert.equal(
      tokenize(`    - cidr: "172.17.0.0/16"  # office`)['172.17.0.0/16'],
      'constant.numeric.cidr.networkpolicy.yaml',
    );
    assert.equal(
      tokenize('        - 10.244.1.0/24')['10.244.1.0/24'],
      'constant.numeric.cidr.networkpolicy.yaml',
    );
    assert.equal(tokenize('      except: [10.0.0.0/8]').except, KEY);
    const flow = rules.find((r) => r.begin?.includes('except'));
    const inner = new RegExp(flow?.patterns?.[0]?.match ?? '$^', 'g');
    assert.deepEqual('[10.0.0.0/8, 192.168.0.0/16]'.match(inner), ['10.0.0.0/8', '192.168.0.0/16']);
    assert.deepEqual(tokenize('      cidr: 10.244.0.0/16 trailing'), {
      cidr: KEY,
      ':': 'punctuation.separator.key-value.mapping.yaml',
    });
  });

  void it('highlights numeric ports and endPorts, protocols and policy types', () => {
    assert.equal(tokenize('    - port: 5432')['5432'], 'constant.numeric.integer.port.networkpolicy.yaml');
    assert.equal(
      tokenize('      endPort: 32768')['32768'],
      'constant.numeric.integer.port.networkpolicy.yaml',
    );
    assert.deepEqual(tokenize('      port: http'), {
      port: KEY,
      ':': 'punctuation.separator.key-value.mapping.yaml',
    });
    assert.equal(tokenize('      protocol: UDP').UDP, 'constant.language.protocol.networkpolicy.yaml');
    assert.equal(tokenize('  - Egress').Egress, 'constant.language.policy-type.networkpolicy.yaml');
    assert.equal(tokenize('  policyTypes: [Ingress, Egress]').policyTypes, KEY);
    assert.equal(tokenize('kind: NetworkPolicy').NetworkPolicy, 'entity.name.type.networkpolicy.yaml');
  });
});
