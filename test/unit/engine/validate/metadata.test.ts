// metadata: name, generateName, namespace, labels, annotations, generation, owner references,
// finalizers and managed fields, as ValidateObjectMeta checks them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, np, ruleCases } from './helpers';

const ok = np('podSelector: {}');
const withMeta = (meta: string) => np('podSelector: {}', meta);

ruleCases([
  {
    name: 'no name',
    bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n⟦metadata⟧:\n  namespace: x\nspec: {}\n',
    code: 'missing-name',
    message: ['`metadata.name` is required'],
    good: ok,
  },
  {
    name: 'generateName instead of name',
    bad: withMeta('generateName: p-\n⟦name⟧: ""'),
    code: 'missing-name',
    message: ['`kubectl apply` finds the object by its name; `kubectl create` would accept `generateName`'],
    good: withMeta('name: p\ngenerateName: p-'),
  },
  {
    name: 'no metadata at all',
    bad: 'apiVersion: networking.k8s.io/v1\n⟦kind⟧: NetworkPolicy\nspec:\n  podSelector: {}\n',
    code: 'missing-name',
    message: ['has no `metadata`'],
    good: ok,
  },
  {
    name: 'upper case and underscore in the name',
    bad: withMeta('name: ⟦Web_Policy⟧'),
    code: 'invalid-name',
    message: [
      '`metadata.name` "Web_Policy" is invalid',
      'lowercase RFC 1123 subdomain',
      "It contains 'W'",
      'Try `web-policy`',
    ],
    fix: true,
    good: withMeta('name: web-policy'),
  },
  {
    name: 'a name longer than 253 characters',
    bad: withMeta(`name: ⟦${'a'.repeat(254)}⟧`),
    code: 'invalid-name',
    message: ['must be no more than 253 characters'],
    fix: true,
    good: withMeta(`name: ${'a'.repeat(253)}`),
  },
  {
    name: 'a name ending with a dot',
    bad: withMeta('name: ⟦allow.web.⟧'),
    code: 'invalid-name',
    message: ['must start and end with an alphanumeric character'],
    fix: true,
    good: withMeta('name: allow.web'),
  },
  {
    name: 'generateName with an invalid prefix',
    bad: withMeta('name: p\ngenerateName: ⟦Web-⟧'),
    code: 'invalid-name',
    message: ['`metadata.generateName` "Web-" is invalid'],
    good: withMeta('name: p\ngenerateName: web-'),
  },
  {
    name: 'a namespace with a dot',
    bad: withMeta('name: p\nnamespace: ⟦team.prod⟧'),
    code: 'invalid-namespace',
    message: ['lowercase RFC 1123 label', "It contains '.'", 'Try `team-prod`'],
    fix: true,
    good: withMeta('name: p\nnamespace: team-prod'),
  },
  {
    name: 'a namespace longer than 63 characters',
    bad: withMeta(`name: p\nnamespace: ⟦${'n'.repeat(64)}⟧`),
    code: 'invalid-namespace',
    message: ['must be no more than 63 characters'],
    fix: true,
    good: withMeta(`name: p\nnamespace: ${'n'.repeat(63)}`),
  },
  {
    name: 'a label key with a space',
    bad: withMeta('name: p\nlabels:\n  ⟦"my app"⟧: web'),
    code: 'invalid-label-key',
    message: [
      'Label key `my app` in `metadata.labels` is invalid',
      'name part must consist of',
      'it contains a space',
    ],
    good: withMeta('name: p\nlabels:\n  my-app: web'),
  },
  {
    name: 'a label key with an invalid prefix',
    bad: withMeta('name: p\nlabels:\n  ⟦Example.com/app⟧: web'),
    code: 'invalid-label-key',
    message: ['prefix part a lowercase RFC 1123 subdomain'],
    good: withMeta('name: p\nlabels:\n  example.com/app: web'),
  },
  {
    name: 'a label key with two slashes',
    bad: withMeta('name: p\nlabels:\n  ⟦a/b/c⟧: web'),
    code: 'invalid-label-key',
    message: ["more than one '/'"],
    good: withMeta('name: p\nlabels:\n  a/b: web'),
  },
  {
    name: 'a label key name part longer than 63 characters',
    bad: withMeta(`name: p\nlabels:\n  ⟦example.com/${'k'.repeat(64)}⟧: web`),
    code: 'invalid-label-key',
    message: ['name part must be no more than 63 characters'],
    good: withMeta(`name: p\nlabels:\n  example.com/${'k'.repeat(63)}: web`),
  },
  {
    name: 'a label value with a slash',
    bad: withMeta('name: p\nlabels:\n  app: ⟦web/api⟧'),
    code: 'invalid-label-value',
    message: ['Label value "web/api" in `metadata.labels` is invalid', "it contains '/'"],
    good: withMeta('name: p\nlabels:\n  app: web-api'),
  },
  {
    name: 'a label value longer than 63 characters',
    bad: withMeta(`name: p\nlabels:\n  app: ⟦${'v'.repeat(64)}⟧`),
    code: 'invalid-label-value',
    message: ['must be no more than 63 characters'],
    good: withMeta(`name: p\nlabels:\n  app: ${'v'.repeat(63)}`),
  },
  {
    name: 'an annotation key with an invalid character',
    bad: withMeta('name: p\nannotations:\n  ⟦note!⟧: x'),
    code: 'invalid-annotation-key',
    message: ['Annotation key "note!"', "it contains '!'"],
    good: withMeta('name: p\nannotations:\n  note: x'),
  },
  {
    name: 'annotations over 256 KiB',
    bad: withMeta(`name: p\n⟦annotations⟧:\n  big: ${'x'.repeat(262142)}`),
    code: 'annotations-too-large',
    message: ['total 262145 bytes', '262144 (256 KiB)'],
    good: withMeta(`name: p\nannotations:\n  big: ${'x'.repeat(262141)}`),
  },
  {
    name: 'a negative generation',
    bad: withMeta('name: p\ngeneration: ⟦-1⟧'),
    code: 'invalid-generation',
    message: ['must be greater than or equal to 0'],
    good: withMeta('name: p\ngeneration: 0'),
  },
  {
    name: 'an owner reference without uid',
    bad: withMeta(
      'name: p\nownerReferences:\n- apiVersion: apps/v1\n  kind: Deployment\n  name: web\n  uid: ⟦""⟧',
    ),
    code: 'invalid-owner-reference',
    message: ['`metadata.ownerReferences[0].uid` must not be empty'],
    good: withMeta(
      'name: p\nownerReferences:\n- apiVersion: apps/v1\n  kind: Deployment\n  name: web\n  uid: abc',
    ),
  },
  {
    name: 'an owner reference apiVersion without a version',
    bad: withMeta(
      'name: p\nownerReferences:\n- {apiVersion: ⟦apps/⟧, kind: Deployment, name: web, uid: abc}',
    ),
    code: 'invalid-owner-reference',
    message: ['must name a version'],
    good: withMeta(
      'name: p\nownerReferences:\n- {apiVersion: apps/v1, kind: Deployment, name: web, uid: abc}',
    ),
  },
  {
    name: 'two controllers',
    bad: withMeta(
      'name: p\nownerReferences:\n- {apiVersion: v1, kind: A, name: a, uid: "1", controller: true}\n- {apiVersion: v1, kind: B, name: b, uid: "2", controller: ⟦true⟧}',
    ),
    code: 'invalid-owner-reference',
    message: ['Only one owner reference can have `controller: true`', 'A/a and B/b'],
    good: withMeta(
      'name: p\nownerReferences:\n- {apiVersion: v1, kind: A, name: a, uid: "1", controller: true}\n- {apiVersion: v1, kind: B, name: b, uid: "2", controller: false}',
    ),
  },
  {
    name: 'an invalid finalizer',
    bad: withMeta('name: p\nfinalizers:\n- ⟦"clean up"⟧'),
    code: 'invalid-finalizer',
    message: ['`metadata.finalizers[0]` "clean up" is invalid'],
    good: withMeta('name: p\nfinalizers:\n- example.com/clean-up'),
  },
  {
    name: 'orphan and foregroundDeletion together',
    bad: withMeta('name: p\nfinalizers: ⟦[orphan, foregroundDeletion]⟧'),
    code: 'invalid-finalizer',
    message: ['cannot both be set'],
    good: withMeta('name: p\nfinalizers: [orphan]'),
  },
  {
    name: 'a managed fields operation',
    bad: withMeta('name: p\nmanagedFields:\n- manager: me\n  operation: ⟦Patch⟧'),
    code: 'invalid-managed-fields',
    message: ['must be `Apply` or `Update`'],
    good: withMeta('name: p\nmanagedFields:\n- manager: me\n  operation: Apply'),
  },
]);

void test('every ObjectMeta field is accepted', () => {
  const meta = [
    'name: p',
    'generateName: p-',
    'namespace: x',
    'selfLink: /x',
    'uid: u',
    'resourceVersion: "1"',
    'generation: 1',
    'creationTimestamp: null',
    'deletionTimestamp: "2024-01-01T00:00:00.5+02:00"',
    'deletionGracePeriodSeconds: 0',
    'labels: {}',
    'annotations: {}',
    'ownerReferences: []',
    'finalizers: []',
    'managedFields: []',
  ].join('\n');
  assert.deepEqual(analyse(withMeta(meta)), []);
});

void test('a missing owner reference field is reported on the first line of the reference', () => {
  const text = withMeta('name: p\nownerReferences:\n- apiVersion: v1\n  kind: ConfigMap\n  uid: abc');
  const f = analyse(text).find((x) => x.code === 'invalid-owner-reference')!;
  assert.match(f.message, /`metadata.ownerReferences\[0\].name` must not be empty/);
  assert.deepEqual(f.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 18 } });
});
