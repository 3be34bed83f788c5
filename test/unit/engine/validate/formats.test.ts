// The pure helpers against the API server's own examples: string formats, YAML 1.1 readings, CIDRs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  exceptProblem,
  networkString,
  parseCIDR,
  rfc5952String,
} from '../../../../server/src/engine/validate/cidr';
import {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  dnsSuggestion,
  labelValueErrors,
  portNameErrors,
  qualifiedNameErrors,
} from '../../../../server/src/engine/validate/formats';
import { closest } from '../../../../server/src/engine/validate/suggest';
import { yaml11Reading } from '../../../../server/src/engine/validate/yaml11';

const table = <T>(name: string, rows: [string, T][], f: (s: string) => T) => {
  for (const [input, expected] of rows) {
    void test(`${name}(${JSON.stringify(input.length > 30 ? `${input.slice(0, 20)}…` : input)})`, () => {
      assert.deepEqual(f(input), expected);
    });
  }
};

const valid = (errs: string[]) => errs.length === 0;

// From k8s.io/apimachinery/pkg/util/validation/validation_test.go.
table(
  'DNS-1123 label',
  [
    ['a', true],
    ['ab', true],
    ['a-b', true],
    ['0', true],
    ['a--b', true],
    ['1-2', true],
    ['a'.repeat(63), true],
    ['', false],
    ['A', false],
    ['-', false],
    ['a-', false],
    ['-a', false],
    ['a.b', false],
    ['a_b', false],
    ['a b', false],
    ['a'.repeat(64), false],
  ],
  (s) => valid(dns1123LabelErrors(s)),
);

table(
  'DNS-1123 subdomain',
  [
    ['a.b.c', true],
    ['a-1.b-2', true],
    ['11.22.33.44.55', true],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, true],
    ['.a', false],
    ['a.', false],
    ['a..b', false],
    ['a.-b', false],
    ['A.a', false],
    ['a'.repeat(254), false],
  ],
  (s) => valid(dns1123SubdomainErrors(s)),
);

table(
  'qualified name',
  [
    ['simple', true],
    ['now-with-dashes', true],
    ['1-starts-with-num', true],
    ['1234', true],
    ['simple/simple', true],
    ['now-with-dashes/simple', true],
    ['1.2.3.4/a', true],
    ['ABC/a'.replace('ABC', 'abc'), true],
    ['NoUppercase123', true],
    [`${'a'.repeat(63)}`, true],
    [`example.com/${'a'.repeat(63)}`, true],
    ['nospecialchars%^=@', false],
    ['cantendwithadash-', false],
    ['-cantstartwithadash-', false],
    ['only/one/slash', false],
    ['Example.com/abc', false],
    ['example_com/user', false],
    ['/simple', false],
    ['simple/', false],
    ['', false],
    ['a'.repeat(64), false],
  ],
  (s) => valid(qualifiedNameErrors(s)),
);

table(
  'label value',
  [
    ['', true],
    ['simple', true],
    ['now-with-dashes', true],
    ['1-starts-with-num', true],
    ['end-with-num-1', true],
    ['1234', true],
    ['a'.repeat(63), true],
    ['Upper.Case_ok', true],
    ['nospecialchars%^=@', false],
    ['Tama-nui-te-rā.is.Māori.sun', false],
    ['\\backslashes\\are\\bad', false],
    ['-starts-with-dash', false],
    ['ends-with-dash-', false],
    ['.starts.with.dot', false],
    ['a'.repeat(64), false],
    ['with/slash', false],
  ],
  (s) => valid(labelValueErrors(s)),
);

table(
  'port name',
  [
    ['http', true],
    ['h-t-t-p', true],
    ['http-80', true],
    ['abcdefghijklmno', true],
    ['1x', true],
    ['', false],
    ['HTTP', false],
    ['80', false],
    ['-http', false],
    ['http-', false],
    ['h--ttp', false],
    ['abcdefghijklmnop', false],
    ['ht tp', false],
  ],
  (s) => valid(portNameErrors(s)),
);

table(
  'YAML 1.1 reading',
  [
    ['yes', true],
    ['Yes', true],
    ['y', true],
    ['ON', true],
    ['no', false],
    ['n', false],
    ['Off', false],
    ['1_000', 1000],
    ['0b101', 5],
    ['-0b1', -1],
    ['+0x1F', 31],
    ['0X1F', 31],
    ['1_0.5', 10.5],
    ['yess', undefined],
    ['on-call', undefined],
    ['1.0', undefined],
    ['80', undefined],
    ['2024-01-01', undefined],
    ['web', undefined],
    ['_1', undefined],
  ],
  yaml11Reading,
);

const cidr = (s: string) => {
  const r = parseCIDR(s);
  return r.ok ? networkString(r.cidr) : 'invalid';
};

table(
  'CIDR network (ParseCIDRSloppy)',
  [
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['010.001.0.0/016', '10.1.0.0/16'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['192.168.1.1/32', '192.168.1.1/32'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['2001:DB8:0:0:0:0:0:1/128', '2001:db8::1/128'],
    ['::/0', '::/0'],
    ['::1/128', '::1/128'],
    ['::ffff:10.1.0.0/112', '10.1.0.0/16'],
    ['1:2:3:4:5:6:1.2.3.4/128', '1:2:3:4:5:6:102:304/128'],
    ['fe80::1%eth0/64', 'invalid'],
    ['10.0.0.0', 'invalid'],
    ['10.0.0/8', 'invalid'],
    ['10.0.0.0/', 'invalid'],
    ['10.0.0.0/33', 'invalid'],
    ['10.0.0.0/8/8', 'invalid'],
    ['10.0.0.0/-1', 'invalid'],
    ['1::2::3/64', 'invalid'],
    ['1:2:3:4:5:6:7:8:9/64', 'invalid'],
    ['1:2:3:4:5:6:7::8/64', 'invalid'],
    ['12345::/16', 'invalid'],
    [' 10.0.0.0/8', 'invalid'],
    ['', 'invalid'],
  ],
  cidr,
);

void test('strictness as net/netip sees it', () => {
  const strict = (s: string) => {
    const r = parseCIDR(s);
    assert.ok(r.ok, s);
    return r.cidr.strict;
  };
  assert.equal(strict('10.0.0.0/8'), true);
  assert.equal(strict('010.0.0.0/8'), false);
  assert.equal(strict('10.0.0.0/08'), false);
  assert.equal(strict('2001:0db8::/32'), true);
  assert.equal(strict('2001:00db8::/32'), false);
  const v6 = parseCIDR('2001:0DB8::/32');
  assert.ok(v6.ok);
  assert.equal(rfc5952String(v6.cidr), '2001:db8::/32');
});

void test('except must be a strict subset (net.IPNet.Contains and mask lengths)', () => {
  const p = (s: string) => {
    const r = parseCIDR(s);
    assert.ok(r.ok, s);
    return r.cidr;
  };
  assert.equal(exceptProblem(p('10.0.0.0/8'), p('10.1.0.0/16')), undefined);
  assert.equal(exceptProblem(p('10.0.0.0/8'), p('10.1.2.3/16')), undefined);
  assert.match(exceptProblem(p('10.0.0.0/8'), p('10.0.0.0/8'))!, /not longer/);
  assert.match(exceptProblem(p('10.0.0.0/16'), p('10.0.0.0/8'))!, /not longer/);
  assert.match(exceptProblem(p('10.0.0.0/16'), p('11.0.0.0/24'))!, /outside/);
  assert.match(exceptProblem(p('10.0.0.0/8'), p('::/64'))!, /IPv6 range but `cidr` is IPv4/);
  assert.equal(exceptProblem(p('2001:db8::/32'), p('2001:db8:1::/48')), undefined);
  assert.equal(exceptProblem(p('0.0.0.0/0'), p('169.254.169.254/32')), undefined);
});

table(
  'DNS name suggestion',
  [
    ['Web_Policy', 'web-policy'],
    ['allow web', 'allow-web'],
    ['-x-', 'x'],
    ['a..b', 'a.b'],
    ['ok', undefined],
    ['___', undefined],
  ],
  (s) => dnsSuggestion(s, true, 253),
);

table<string | undefined>(
  'closest field',
  [
    ['fromm', 'from'],
    ['PodSelector', 'podSelector'],
    ['selector', 'podSelector'],
    ['policyType', 'policyTypes'],
    ['lables', 'labels'],
    ['banana', undefined],
  ],
  (s) => closest(s, ['from', 'podSelector', 'policyTypes', 'labels', 'ingress']),
);
