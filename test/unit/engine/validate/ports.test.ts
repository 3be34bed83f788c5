// Policy ports: ValidateNetworkPolicyPort.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, np, ruleCases } from './helpers';

const port = (p: string) => np(`podSelector: {}\ningress:\n- ports:\n  - ${p}`);

ruleCases([
  {
    name: 'protocol in lower case',
    bad: port('protocol: ⟦tcp⟧\n    port: 80'),
    code: 'invalid-protocol',
    message: ['`spec.ingress[0].ports[0].protocol`: Unsupported value "tcp"', 'Write `TCP`'],
    fix: true,
    good: port('protocol: TCP\n    port: 80'),
  },
  {
    name: 'an unknown protocol',
    bad: port('protocol: ⟦ICMP⟧'),
    code: 'invalid-protocol',
    message: ['"TCP", "UDP" and "SCTP"'],
    fix: false,
    good: port('protocol: SCTP'),
  },
  {
    name: 'an empty protocol is not the default',
    bad: port('protocol: ⟦""⟧'),
    code: 'invalid-protocol',
    message: ['Unsupported value ""'],
    good: port('protocol: UDP'),
  },
  {
    name: 'port 0',
    bad: port('port: ⟦0⟧'),
    code: 'invalid-port',
    message: ['`spec.ingress[0].ports[0].port` 0 must be between 1 and 65535, inclusive'],
    good: port('port: 1'),
  },
  {
    name: 'port above 65535',
    bad: port('port: ⟦65536⟧'),
    code: 'invalid-port',
    message: ['65536 must be between 1 and 65535'],
    good: port('port: 65535'),
  },
  {
    name: 'a port name with upper case',
    bad: port('port: ⟦HTTP⟧'),
    code: 'invalid-port',
    message: ['"HTTP" is neither a port number nor a valid port name', 'alpha-numeric characters (a-z, 0-9)'],
    good: port('port: http'),
  },
  {
    name: 'a port name longer than 15 characters',
    bad: port('port: ⟦metrics-endpoint-1⟧'),
    code: 'invalid-port',
    message: ['must be no more than 15 characters'],
    good: port('port: metrics-ep-1'),
  },
  {
    name: 'a port name with a double hyphen',
    bad: port('port: ⟦web--api⟧'),
    code: 'invalid-port',
    message: ['must not contain consecutive hyphens (--)'],
    good: port('port: web-api'),
  },
  {
    name: 'a port name starting with a hyphen',
    bad: port('port: ⟦-web⟧'),
    code: 'invalid-port',
    message: ['must not begin or end with a hyphen (-)'],
    good: port('port: web'),
  },
  {
    name: 'a port name without letters',
    bad: port('port: ⟦8-0⟧'),
    code: 'invalid-port',
    message: ['must contain at least one letter (a-z)'],
    good: port('port: p8-0'),
  },
  {
    name: 'a quoted port number',
    bad: port('port: ⟦"80"⟧'),
    code: 'quoted-port-number',
    message: ['is the string "80", which the API server reads as a port name', 'Drop the quotes: `port: 80`'],
    fix: true,
    good: port('port: 80'),
  },
  {
    name: 'a quoted port number with endPort',
    bad: port("port: ⟦'8000'⟧\n    endPort: 9000"),
    code: 'quoted-port-number',
    message: ['Drop the quotes'],
    fix: true,
    good: port('port: 8000\n    endPort: 9000'),
  },
  {
    name: 'endPort without port',
    bad: port('protocol: TCP\n    endPort: ⟦9000⟧'),
    code: 'invalid-end-port',
    message: ['may not be specified when `port` is not specified'],
    good: port('protocol: TCP\n    port: 8000\n    endPort: 9000'),
  },
  {
    name: 'endPort with a named port',
    bad: port('port: http\n    endPort: ⟦9000⟧'),
    code: 'invalid-end-port',
    message: ['may not be specified when `port` is non-numeric'],
    good: port('port: 8000\n    endPort: 9000'),
  },
  {
    name: 'endPort below port',
    bad: port('port: 9000\n    endPort: ⟦8000⟧'),
    code: 'invalid-end-port',
    message: ['`spec.ingress[0].ports[0].endPort` 8000 must be greater than or equal to `port` (9000)'],
    good: port('port: 9000\n    endPort: 9000'),
  },
  {
    name: 'endPort above 65535',
    bad: port('port: 9000\n    endPort: ⟦70000⟧'),
    code: 'invalid-end-port',
    message: ['70000 must be between 1 and 65535'],
    good: port('port: 9000\n    endPort: 65535'),
  },
]);

void test('a quoted port number with an endPort below it gets no fix that would still fail', () => {
  const f = analyse(port('port: "9000"\n    endPort: 80')).find((x) => x.code === 'quoted-port-number')!;
  assert.equal(f.fixes, undefined);
});

void test('a port written the YAML 1.1 way is the number kubectl sends', () => {
  assert.deepEqual(analyse(port('port: 8_080\n    endPort: 9_000')), []);
});
