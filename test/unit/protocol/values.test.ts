// The shared vocabulary of the contracts room (server/src/protocol/values.ts, workloadKinds.ts):
// protocols, port numbers and names, matrix modes, kinds — against ordinary and hostile values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isMatrixMode,
  isPortName,
  isPortNumber,
  isProtocol,
  MATRIX_MODES,
  oneOfText,
  portFromDigits,
  PROTOCOLS,
  protocolFromText,
} from '../../../server/src/protocol/values';
import { isWorkloadKind, SHORT_KINDS, workloadRef } from '../../../server/src/protocol/workloadKinds';

/** Values no check may take for a port, a protocol or a mode (and must not throw on). */
const HOSTILE: unknown[] = [
  undefined,
  null,
  NaN,
  Infinity,
  -Infinity,
  -0,
  1.5,
  80n,
  true,
  {},
  [],
  [80],
  { valueOf: () => 80 },
  Symbol('80'),
  '',
  '__proto__',
  'constructor',
  'x'.repeat(1_000_000),
];

void describe('port numbers', () => {
  const cases: [unknown, boolean][] = [
    [1, true],
    [80, true],
    [65535, true],
    [0, false],
    [65536, false],
    [-1, false],
    ['80', false],
    [80.0000001, false],
    [Number.MAX_SAFE_INTEGER, false],
  ];
  for (const [v, ok] of cases)
    void it(`${String(v)} is ${ok ? '' : 'not '}a port`, () => assert.equal(isPortNumber(v), ok));
  void it('refuses hostile values', () => assert.deepEqual(HOSTILE.filter(isPortNumber), []));

  const digits: [string, number | undefined][] = [
    ['80', 80],
    ['08', 8],
    ['000080', 80],
    ['65535', 65535],
    ['65536', undefined],
    ['0', undefined],
    ['', undefined],
    [' 80', undefined],
    ['80 ', undefined],
    ['+80', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['0x50', undefined],
    ['8_0', undefined],
    ['٨٠', undefined],
    ['9'.repeat(400), undefined],
  ];
  for (const [text, port] of digits)
    void it(`portFromDigits(${JSON.stringify(text.slice(0, 12))}) is ${String(port)}`, () =>
      assert.equal(portFromDigits(text), port));

  void it('reads every integer written in digits as itself exactly when it is in 1..65535', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (n) => {
        assert.equal(portFromDigits(String(n)), n >= 1 && n <= 65535 ? n : undefined);
      }),
    ));
});

void describe('port names (IANA_SVC_NAME)', () => {
  const cases: [string, boolean][] = [
    ['http', true],
    ['dns-tcp', true],
    ['h2c', true],
    ['a', true],
    ['abcdefghijklmno', true],
    ['abcdefghijklmnop', false],
    ['80', false],
    ['1-2', false],
    ['-http', false],
    ['http-', false],
    ['ht--tp', false],
    ['HTTP', false],
    ['http_2', false],
    ['ht tp', false],
    ['', false],
    ['http\n', false],
    ['https\u0000', false],
  ];
  for (const [name, ok] of cases)
    void it(`${JSON.stringify(name)} is ${ok ? '' : 'not '}a port name`, () =>
      assert.equal(isPortName(name), ok));
  void it('refuses hostile values (`constructor` is a name like any other)', () =>
    assert.deepEqual(HOSTILE.filter(isPortName), ['constructor']));
});

void describe('protocols and matrix modes', () => {
  void it('are spelled once, in this order', () => {
    assert.deepEqual(PROTOCOLS, ['TCP', 'UDP', 'SCTP']);
    assert.deepEqual(MATRIX_MODES, ['port', 'declared']);
  });
  void it('take the exact spelling only', () => {
    assert.deepEqual(['TCP', 'UDP', 'SCTP', 'tcp', ' TCP', 'ICMP', 'TCP\u0000'].map(isProtocol), [
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    assert.deepEqual(['port', 'declared', 'Port', 'changes'].map(isMatrixMode), [true, true, false, false]);
    assert.deepEqual(HOSTILE.filter(isProtocol), []);
    assert.deepEqual(HOSTILE.filter(isMatrixMode), []);
  });
  void it('reads a protocol in any case, blanks around it ignored', () => {
    assert.deepEqual(['udp', ' Sctp ', 'TCP', 'icmp', 'T CP', '', 6, null].map(protocolFromText), [
      'UDP',
      'SCTP',
      'TCP',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
  void it('lists values in a sentence', () => {
    assert.equal(oneOfText(PROTOCOLS), 'TCP, UDP or SCTP');
    assert.equal(oneOfText(['a', 'b'], 'and'), 'a and b');
    assert.equal(oneOfText(['a']), 'a');
  });
});

void describe('workload kinds', () => {
  void it('know the controllers of pods, not the Pod, and nothing inherited', () => {
    assert.deepEqual(
      [
        'Deployment',
        'StatefulSet',
        'CronJob',
        'Pod',
        'Service',
        'deployment',
        'toString',
        '__proto__',
        undefined,
      ].map(isWorkloadKind),
      [true, true, true, false, false, false, false, false, false],
    );
  });
  void it('write references with kubectl short names', () => {
    assert.equal(workloadRef('Deployment', 'shop/web'), 'deploy/shop/web');
    assert.equal(workloadRef('ReplicationController', 'a/b'), 'rc/a/b');
    assert.equal(SHORT_KINDS.Pod, 'pod');
  });
});
