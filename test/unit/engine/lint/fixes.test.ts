// Quick fixes of the lints: the exact text they produce in each layout (block lists indented or
// not, flow, JSON, CRLF, a missing or empty key), and that the result validates cleanly, keeps the
// policy's meaning where it should, and no longer has the finding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/edits';
import { parseFile } from '../../../../server/src/engine/parse/documents';
import { policyFromObject } from '../../../../server/src/engine/policies';
import { applyFix, errors, lints, POLICY_HEAD as H, workspace } from './helpers';

const DNS_FIX = 'Allow DNS egress to kube-dns (UDP and TCP 53)';

/** Applies the fix, then checks the finding (and those in `alsoGone`) is gone and nothing is worse. */
function fixAndCheck(
  text: string,
  code: string,
  title?: string,
  file = 'p.yaml',
  alsoGone: string[] = [],
): string {
  const ws = workspace({ [file]: text });
  assert.deepEqual(errors(ws, file), []);
  const gone = [code, ...alsoGone];
  const before = lints(ws, file).filter((l) => !gone.includes(codeOf(l)));
  const fixed = applyFix(ws, file, code, title);
  assert.deepEqual(errors(ws, file), [], `the fixed text validates cleanly:\n${fixed}`);
  const after = lints(ws, file);
  assert.ok(!after.some((l) => l.startsWith(`${code} `)), `${code} is gone:\n${after.join('\n')}`);
  assert.deepEqual(after.map(codeOf).sort(), before.map(codeOf).sort(), 'no other lint appears or goes');
  return fixed;
}

const codeOf = (shown: string) => shown.split(' ')[0]!;

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

void describe('egress-blocks-dns fix', () => {
  void test('appends the DNS rule to block-style egress rules, lists not indented (the seed style)', () => {
    const text = `${H}  name: web-egress\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes:\n  - Egress\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          role: backend\n    ports:\n    - port: 8080\n`;
    assert.equal(
      fixAndCheck(text, 'egress-blocks-dns', DNS_FIX),
      `${text}  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n`,
    );
  });

  void test('follows 4-space indentation with indented lists, and keeps what follows the egress list', () => {
    const text = `${H}    name: web-egress\nspec:\n    podSelector:\n        matchLabels:\n            role: web\n    egress:\n        - to:\n              - podSelector:\n                    matchLabels:\n                        role: backend\n          ports:\n              - port: 8080\n    policyTypes:\n        - Egress\n`;
    const fixed = fixAndCheck(text, 'egress-blocks-dns', DNS_FIX);
    const rule = `        - to:\n              - namespaceSelector:\n                    matchLabels:\n                        kubernetes.io/metadata.name: kube-system\n                podSelector:\n                    matchLabels:\n                        k8s-app: kube-dns\n          ports:\n              - protocol: UDP\n                port: 53\n              - protocol: TCP\n                port: 53\n`;
    assert.equal(fixed, text.replace('    policyTypes:', `${rule}    policyTypes:`));
  });

  void test('adds an egress key when a deny-all egress policy has none; policyTypes is untouched', () => {
    const text = `${H}  name: deny-out\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n`;
    const fixed = fixAndCheck(text, 'egress-blocks-dns', DNS_FIX);
    assert.equal(
      fixed,
      `${text}  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n`,
    );
    const policy = policyFromObject(parseFile({ path: 'p.yaml', text: fixed }).objects[0]!)!;
    assert.deepEqual(policy.policyTypes, ['Ingress', 'Egress']);
    assert.equal(policy.ingress.length, 0, 'ingress stays denied');
  });

  void test('replaces an empty `egress: []`', () => {
    const text = `${H}  name: deny-out\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: []\n`;
    const fixed = fixAndCheck(text, 'egress-blocks-dns', DNS_FIX, 'p.yaml', ['deny-all']);
    // Nothing in the file shows a list style, so the rule uses the common indented one.
    assert.match(fixed, /\n {2}egress:\n {4}- to:\n {8}- namespaceSelector:\n/);
    assert.ok(!fixed.includes('[]'));
  });

  void test('JSON files get JSON', () => {
    const text = JSON.stringify(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'web-egress' },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: {} }], ports: [{ port: 80 }] }],
        },
      },
      null,
      2,
    );
    const fixed = fixAndCheck(text, 'egress-blocks-dns', DNS_FIX, 'p.json');
    const spec = (JSON.parse(fixed) as { spec: { egress: unknown[] } }).spec;
    assert.equal(spec.egress.length, 2);
    assert.deepEqual(spec.egress[1], {
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    });
  });

  void test('CRLF files keep CRLF', () => {
    const text = `${H}  name: deny-out\nspec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n`.replace(
      /\n/g,
      '\r\n',
    );
    const fixed = fixAndCheck(text, 'egress-blocks-dns', DNS_FIX, 'p.yaml', ['deny-all']);
    assert.ok(!/[^\r]\n/.test(fixed), 'every line break is CRLF');
    assert.ok(fixed.endsWith('      port: 53\r\n'));
  });
});

void describe('policy-types-implied fix', () => {
  const ingressOf = (text: string) => policyFromObject(parseFile({ path: 'p.yaml', text }).objects[0]!)!;

  void test('writes the defaulted [Ingress, Egress] after podSelector; the policy means the same', () => {
    const text = `${H}  name: web-out\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  egress:\n  - ports:\n    - protocol: UDP\n      port: 53\n`;
    const fixed = fixAndCheck(text, 'policy-types-implied');
    assert.equal(fixed, text.replace('  egress:\n', '  policyTypes:\n  - Ingress\n  - Egress\n  egress:\n'));
    const [before, after] = [ingressOf(text), ingressOf(fixed)];
    assert.deepEqual(after.policyTypes, before.policyTypes);
    assert.equal(after.policyTypesDefaulted, false);
  });

  void test('empty egress: the preferred fix writes [Ingress]; the other denies egress', () => {
    const text = `${H}  name: web-out\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - podSelector: {}\n  egress: []\n`;
    const ws = workspace({ 'p.yaml': text });
    const titles = ws
      .findings('p.yaml')
      .find((f) => f.code === 'policy-types-implied')!
      .fixes!.map((f) => [f.title, f.preferred]);
    assert.deepEqual(titles, [
      ['Add `policyTypes: [Ingress]` (the defaulted value)', true],
      ['Add `policyTypes: [Ingress, Egress]` (deny all egress)', false],
    ]);
    const same = fixAndCheck(text, 'policy-types-implied');
    assert.deepEqual(ingressOf(same).policyTypes, ['Ingress']);
    const deny = applyFix(
      workspace({ 'p.yaml': text }),
      'p.yaml',
      'policy-types-implied',
      titles[1]![0] as string,
    );
    assert.deepEqual(ingressOf(deny).policyTypes, ['Ingress', 'Egress']);
  });

  void test('a flow-style spec gets a JSON pair', () => {
    const text = `${H}  name: web-out\nspec: {podSelector: {}, egress: [{ports: [{protocol: UDP, port: 53}]}]}\n`;
    const fixed = fixAndCheck(text, 'policy-types-implied');
    assert.equal(
      fixed,
      `${H}  name: web-out\nspec: {podSelector: {}, "policyTypes": ["Ingress","Egress"], egress: [{ports: [{protocol: UDP, port: 53}]}]}\n`,
    );
  });
});

void describe('other fixes', () => {
  void test('ipblock-overlaps-pod-network: except the pod network', () => {
    const text = `${H}  name: corp\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n`;
    assert.equal(
      fixAndCheck(text, 'ipblock-overlaps-pod-network'),
      `${text}        except:\n        - 10.244.0.0/16\n`,
    );
  });

  void test('ipblock-overlaps-pod-network: appends to an existing except list', () => {
    const text = `${H}  name: corp\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except: [10.1.0.0/16]\n`;
    assert.equal(
      fixAndCheck(text, 'ipblock-overlaps-pod-network'),
      text.replace('[10.1.0.0/16]', '[10.1.0.0/16, "10.244.0.0/16"]'),
    );
  });

  void test('rules-ignored: adds the missing type', () => {
    const text = `${H}  name: web-in\nspec:\n  podSelector:\n    matchLabels:\n      role: web\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector: {}\n  egress:\n  - ports:\n    - {protocol: UDP, port: 53}\n`;
    assert.equal(
      fixAndCheck(text, 'rules-ignored'),
      text.replace('  - Ingress\n', '  - Ingress\n  - Egress\n'),
    );
  });

  void test('every fix offered on a messy file applies and validates cleanly', () => {
    const text = `${H}  name: a\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: []\n---\n${H}  name: b\nspec:\n  podSelector:\n    matchLabels: {role: web}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n  egress:\n  - to:\n    - podSelector: {}\n---\n${H}  name: c\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - {}\n`;
    const ws = workspace({ 'p.yaml': text });
    const withFixes = ws.findings('p.yaml').filter((f) => f.fixes?.length);
    // b's egress reaches only the pods of its own namespace: not the kube-dns pods in kube-system.
    assert.deepEqual(withFixes.map((f) => f.code).sort(), [
      'egress-blocks-dns',
      'egress-blocks-dns',
      'ipblock-overlaps-pod-network',
      'policy-types-implied',
      'rules-ignored',
    ]);
    // A lint fix edits only its own policy (LintCache moves findings with their chunk on that promise).
    const policyLines = ws
      .file('p.yaml')!
      .parsed.documents.map((d) => [lineOf(text, d.span.start), lineOf(text, d.span.end)]);
    for (const f of withFixes) {
      const [first, last] = policyLines.find(([a, b]) => f.range.start.line >= a! && f.range.end.line <= b!)!;
      for (const fix of f.fixes!) {
        for (const e of fix.edits)
          assert.ok(
            e.range.start.line >= first! && e.range.end.line <= last!,
            `${f.code}: ${fix.title} stays in its policy`,
          );
        const fixed = workspace({ 'p.yaml': applyEdits(text, fix.edits) });
        assert.deepEqual(errors(fixed, 'p.yaml'), [], `${f.code}: ${fix.title}`);
      }
    }
  });
});
