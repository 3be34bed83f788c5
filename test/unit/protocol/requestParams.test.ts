// The language server's checks of the custom requests' parameters (server/src/protocol/requestParams.ts):
// what passes, and the exact InvalidParams message of the first problem, for anything a client may send.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changesParams,
  matrixCellParams,
  matrixParams,
  portsMatrixParams,
  traceParams,
} from '../../../server/src/protocol/requestParams';

const PORT = 'port must be an integer from 1 to 65535';
const PROTOCOL = 'protocol must be one of TCP, UDP, SCTP';
const MODE = 'mode must be one of port, declared';
const ok = <T>(value: T) => ({ ok: true, value });
const err = (error: string) => ({ ok: false, error });

/** Parameters no request takes as a whole (and none may throw on). */
const HOSTILE: unknown[] = [undefined, null, 0, 'trace', [], [1, 2], true];

void describe('netpol/trace parameters', () => {
  const good = { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' };
  const cases: [string, unknown, unknown][] = [
    ['a complete request', good, ok(good)],
    ['extra fields dropped', { ...good, endpoint: 'x', __proto__: { port: 1 } }, ok(good)],
    ['no from', { ...good, from: undefined }, err('from must be a non-empty string')],
    ['blank from', { ...good, from: '  ' }, err('from must be a non-empty string')],
    ['to not a string', { ...good, to: 7 }, err('to must be a non-empty string')],
    ['port as text', { ...good, port: '5432' }, err(PORT)],
    ['port 0', { ...good, port: 0 }, err(PORT)],
    ['port 65536', { ...good, port: 65536 }, err(PORT)],
    ['port NaN', { ...good, port: NaN }, err(PORT)],
    ['port 1.5', { ...good, port: 1.5 }, err(PORT)],
    ['protocol lower case', { ...good, protocol: 'tcp' }, err(PROTOCOL)],
    ['protocol missing', { ...good, protocol: undefined }, err(PROTOCOL)],
    [
      'first problem wins',
      { from: '', to: '', port: 0, protocol: 'x' },
      err('from must be a non-empty string'),
    ],
  ];
  for (const [name, params, expected] of cases)
    void it(name, () => assert.deepEqual(traceParams(params), expected));
  void it('answers hostile parameters with the first field', () => {
    for (const raw of HOSTILE) assert.deepEqual(traceParams(raw), err('from must be a non-empty string'));
  });
});

void describe('netpol/matrix parameters', () => {
  const cases: [unknown, unknown][] = [
    [{ port: 80, protocol: 'TCP' }, ok({ mode: 'port', port: 80, protocol: 'TCP' })],
    [{ port: 80, protocol: 'UDP', mode: null }, ok({ mode: 'port', port: 80, protocol: 'UDP' })],
    [{ port: 80, protocol: 'TCP', mode: 'declared' }, ok({ mode: 'declared', port: 80, protocol: 'TCP' })],
    [{ port: 80, protocol: 'TCP', mode: 'changes' }, err(MODE)],
    [{ protocol: 'TCP', mode: 'declared' }, err(PORT)],
    [{ port: 80 }, err(PROTOCOL)],
    [{ port: -80, protocol: 'TCP', mode: 'nope' }, err(MODE)],
    [null, err(PORT)],
    ['80/TCP', err(PORT)],
  ];
  for (const [params, expected] of cases)
    void it(JSON.stringify(params) ?? 'undefined', () => assert.deepEqual(matrixParams(params), expected));
});

void describe('netpol/matrixCell parameters', () => {
  const pair = { from: 'a/x', to: 'b/y' };
  const cases: [unknown, unknown][] = [
    [{ ...pair, port: 80, protocol: 'TCP' }, ok({ ...pair, mode: 'port', port: 80, protocol: 'TCP' })],
    [{ ...pair, mode: 'declared' }, ok({ ...pair, mode: 'declared' })],
    [{ ...pair, mode: 'declared', port: 'junk', protocol: 'junk' }, ok({ ...pair, mode: 'declared' })],
    [{ ...pair, mode: 'port' }, err(PORT)],
    [{ ...pair, port: 80, protocol: 'sctp' }, err(PROTOCOL)],
    [{ ...pair, mode: 7 }, err(MODE)],
    [{ to: 'b/y', port: 80, protocol: 'TCP' }, err('from must be a non-empty string')],
    [{ from: 'a/x', to: [], port: 80, protocol: 'TCP' }, err('to must be a non-empty string')],
    [undefined, err('from must be a non-empty string')],
  ];
  for (const [params, expected] of cases)
    void it(JSON.stringify(params) ?? 'undefined', () =>
      assert.deepEqual(matrixCellParams(params), expected),
    );
});

void describe('netpol/portsMatrix parameters', () => {
  const NAME = 'port must be a container port name or "declared"';
  const cases: [unknown, unknown][] = [
    [{ port: 'http', protocol: 'TCP' }, ok({ port: 'http', protocol: 'TCP' })],
    [{ port: 'declared', protocol: 'UDP' }, ok({ port: 'declared', protocol: 'UDP' })],
    [{ port: 'No Name', protocol: 'TCP' }, err(NAME)],
    [{ port: 80, protocol: 'TCP' }, err(NAME)],
    [{ port: '-x', protocol: 'TCP' }, err(NAME)],
    [{ port: 'a'.repeat(16), protocol: 'TCP' }, err(NAME)],
    [{ port: 'http', protocol: 'HTTP' }, err(PROTOCOL)],
    [null, err(NAME)],
  ];
  for (const [params, expected] of cases)
    void it(JSON.stringify(params), () => assert.deepEqual(portsMatrixParams(params), expected));
});

void describe('netpol/changes parameters', () => {
  const GROUPS = 'maxGroups must be a non-negative integer';
  const cases: [unknown, unknown][] = [
    [null, ok({ maxGroups: 200 })],
    [undefined, ok({ maxGroups: 200 })],
    [{}, ok({ maxGroups: 200 })],
    [{ port: 8080 }, ok({ port: 8080, maxGroups: 200 })],
    [{ port: 53, protocol: 'UDP', maxGroups: 0 }, ok({ port: 53, protocol: 'UDP', maxGroups: 0 })],
    [{ protocol: 'SCTP' }, ok({ protocol: 'SCTP', maxGroups: 200 })],
    [{ port: 0 }, err(PORT)],
    [{ port: null }, err(PORT)],
    [{ protocol: null }, err(PROTOCOL)],
    [{ protocol: 'udp' }, err(PROTOCOL)],
    [{ maxGroups: -1 }, err(GROUPS)],
    [{ maxGroups: 2.5 }, err(GROUPS)],
    [{ maxGroups: '10' }, err(GROUPS)],
    [{ maxGroups: null }, ok({ maxGroups: 200 })],
    [{ port: 'x', maxGroups: -1 }, err(PORT)],
  ];
  for (const [params, expected] of cases)
    void it(JSON.stringify(params) ?? 'undefined', () =>
      assert.deepEqual(changesParams(params, 200), expected),
    );
});
