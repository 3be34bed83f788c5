// Peers and ipBlocks: ValidateNetworkPolicyPeer and ValidateIPBlock, and the CIDR warnings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, applyFix, errorsOf, np, ruleCases } from './helpers';

const from = (peer: string) => np(`podSelector: {}\ningress:\n- from:\n  - ${peer}`);
const to = (peer: string) => np(`podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ${peer}`);

ruleCases([
  {
    name: 'an empty peer',
    bad: from('⟦{}⟧'),
    code: 'peer-empty',
    message: [
      '`spec.ingress[0].from[0]` must specify a peer',
      'Set `podSelector`, `namespaceSelector` or `ipBlock`',
    ],
    fix: false,
    good: from('podSelector: {}'),
  },
  {
    name: 'a null peer item',
    bad: np('podSelector: {}\negress:\n- to:\n  -⟦⟧\n  - podSelector: {}'),
    code: 'peer-empty',
    message: ['`spec.egress[0].to[0]` must specify a peer'],
    good: np('podSelector: {}\negress:\n- to:\n  - podSelector: {}'),
  },
  {
    name: 'podSelector without a value',
    bad: from('⟦podSelector⟧:'),
    code: 'peer-empty',
    message: ['`podSelector:` with no value counts as absent', 'write `podSelector: {}` to select every pod'],
    fix: true,
    good: from('podSelector: {}'),
  },
  {
    name: 'namespaceSelector set to null',
    bad: to('⟦namespaceSelector⟧: null'),
    code: 'peer-empty',
    message: ['`namespaceSelector: {}` to select every namespace'],
    fix: true,
    good: to('namespaceSelector: {}'),
  },
  {
    name: 'ipBlock and podSelector in one peer',
    bad: from('podSelector: {}\n    ⟦ipBlock⟧:\n      cidr: 10.0.0.0/8'),
    code: 'peer-ipblock-exclusive',
    message: [
      'may not specify both ipBlock and another peer',
      'with `podSelector` in one peer',
      'separate items',
    ],
    good: from('podSelector: {}\n  - ipBlock:\n      cidr: 10.0.0.0/8'),
  },
  {
    name: 'ipBlock without cidr',
    bad: from('⟦ipBlock⟧:\n      except: [10.0.0.0/16]'),
    code: 'cidr-required',
    message: ['`spec.ingress[0].from[0].ipBlock.cidr` is required'],
    good: from('ipBlock:\n      cidr: 10.0.0.0/8\n      except: [10.0.0.0/16]'),
  },
  {
    name: 'empty cidr',
    bad: from('ipBlock:\n      ⟦cidr⟧: ""'),
    code: 'cidr-required',
    message: ['is required'],
    good: from('ipBlock:\n      cidr: 0.0.0.0/0'),
  },
  {
    name: 'an address without prefix length',
    bad: from('ipBlock: {cidr: ⟦10.1.2.3⟧}'),
    code: 'invalid-cidr',
    message: ['"10.1.2.3" must be a valid CIDR value', 'no prefix length (add `/32`'],
    good: from('ipBlock: {cidr: 10.1.2.3/32}'),
  },
  {
    name: 'a prefix beyond 32 bits',
    bad: from('ipBlock: {cidr: ⟦10.0.0.0/33⟧}'),
    code: 'invalid-cidr',
    message: ['the prefix length must be a number from 0 to 32'],
    good: from('ipBlock: {cidr: 10.0.0.0/32}'),
  },
  {
    name: 'an octet above 255',
    bad: from('ipBlock: {cidr: ⟦10.0.256.0/24⟧}'),
    code: 'invalid-cidr',
    message: ['`10.0.256.0` is not an IP address'],
    good: from('ipBlock: {cidr: 10.0.255.0/24}'),
  },
  {
    name: 'an invalid except entry',
    bad: from('ipBlock: {cidr: "fd00::/8", except: [⟦"fd00::/129"⟧]}'),
    code: 'invalid-cidr',
    message: ['`spec.ingress[0].from[0].ipBlock.except[0]`', 'from 0 to 128'],
    good: from('ipBlock: {cidr: "fd00::/8", except: ["fd00::/16"]}'),
  },
  {
    name: 'except outside cidr',
    bad: to('ipBlock:\n      cidr: 10.0.0.0/16\n      except:\n      - ⟦10.1.0.0/24⟧'),
    code: 'except-not-subset',
    message: ['must be a strict subset of `cidr` (10.0.0.0/16)', 'lies outside `cidr` 10.0.0.0/16'],
    good: to('ipBlock:\n      cidr: 10.0.0.0/16\n      except:\n      - 10.0.1.0/24'),
  },
  {
    name: 'except equal to cidr',
    bad: to('ipBlock: {cidr: 10.0.0.0/16, except: [⟦10.0.0.0/16⟧]}'),
    code: 'except-not-subset',
    message: ['its prefix /16 is not longer than the /16 of `cidr`'],
    good: to('ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/17]}'),
  },
  {
    name: 'except of the other family',
    bad: to('ipBlock: {cidr: 10.0.0.0/8, except: [⟦"fd00::/64"⟧]}'),
    code: 'except-not-subset',
    message: ['it is an IPv6 range but `cidr` is IPv4'],
    good: to('ipBlock: {cidr: "fd00::/8", except: ["fd00::/64"]}'),
  },
  {
    name: 'host bits set (accepted, with a warning)',
    bad: from('ipBlock: {cidr: ⟦10.0.0.1/24⟧}'),
    code: 'cidr-not-canonical',
    severity: 'warning',
    message: ['ambiguous', 'the network 10.0.0.0/24 or the single address 10.0.0.1/32'],
    fix: true,
    good: from('ipBlock: {cidr: 10.0.0.0/24}'),
  },
  {
    name: 'leading zeros',
    bad: from('ipBlock: {cidr: ⟦010.0.0.0/8⟧}'),
    code: 'cidr-not-canonical',
    severity: 'warning',
    message: ['uses leading zeros, which future Kubernetes releases will reject: use 10.0.0.0/8'],
    fix: true,
    good: from('ipBlock: {cidr: 10.0.0.0/8}'),
  },
  {
    name: 'an IPv4-mapped IPv6 address',
    bad: from('ipBlock: {cidr: ⟦"::ffff:10.0.0.0/104"⟧}'),
    code: 'cidr-not-canonical',
    severity: 'warning',
    message: ['IPv4-mapped IPv6 address', 'use 10.0.0.0/8'],
    fix: true,
    good: from('ipBlock: {cidr: 10.0.0.0/8}'),
  },
  {
    name: 'IPv6 not in RFC 5952 form',
    bad: from('ipBlock: {cidr: ⟦"2001:DB8:0:0::/64"⟧}'),
    code: 'cidr-not-canonical',
    severity: 'warning',
    message: ['RFC 5952 canonical form: 2001:db8::/64'],
    fix: true,
    good: from('ipBlock: {cidr: "2001:db8::/64"}'),
  },
]);

void test('the single-address alternative for host bits also validates', () => {
  const text = from('ipBlock: {cidr: 10.0.0.1/24}');
  const f = analyse(text).find((x) => x.code === 'cidr-not-canonical')!;
  assert.equal(f.fixes?.length, 2);
  const fixed = applyFix(text, f, 1);
  assert.ok(fixed.includes('cidr: 10.0.0.1/32'));
  assert.deepEqual(analyse(fixed), []);
});

void test('an except check uses the network of a cidr with host bits, as the API server does', () => {
  const findings = analyse(from('ipBlock: {cidr: 10.0.0.1/24, except: [10.0.0.128/25]}'));
  assert.deepEqual(
    findings.map((f) => f.code),
    ['cidr-not-canonical'],
  );
});

void test('a peer holding only misplaced fields reports them, not an empty peer', () => {
  const findings = errorsOf(analyse(from('cidr: 10.0.0.0/8')));
  assert.deepEqual(
    findings.map((f) => f.code),
    ['misplaced-field'],
  );
});
