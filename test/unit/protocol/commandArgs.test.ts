import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isComplete,
  isIPv4,
  parseChangesArg,
  parsePort,
  parseTraceArgs,
} from '../../../server/src/protocol/commandArgs';
import { protocolFromText as parseProtocol } from '../../../server/src/protocol/values';

void describe('trace command argument', () => {
  void it('takes a complete argument as is', () => {
    const r = parseTraceArgs({ from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' });
    assert.deepEqual(r, {
      ok: true,
      value: { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' },
    });
    assert.ok(r.ok && isComplete(r.value));
  });

  void it('normalises port strings and protocol case, trims names', () => {
    assert.deepEqual(parseTraceArgs({ from: ' web ', to: '10.0.0.1', port: '80', protocol: 'udp' }), {
      ok: true,
      value: { from: 'web', to: '10.0.0.1', port: 80, protocol: 'UDP' },
    });
  });

  void it('asks for everything when there is no plain-object argument (palette, menu URI)', () => {
    for (const raw of [undefined, null, 'web', 3, [], { scheme: 'file', path: '/x.yaml' }])
      assert.deepEqual(parseTraceArgs(raw), { ok: true, value: {} });
  });

  void it('keeps a partial argument for the picks to complete', () => {
    const r = parseTraceArgs({ from: 'default/web' });
    assert.deepEqual(r, { ok: true, value: { from: 'default/web' } });
    assert.ok(r.ok && !isComplete(r.value));
  });

  void it('reports wrong values', () => {
    assert.deepEqual(parseTraceArgs({ from: '', to: 'x' }), {
      ok: false,
      error: '"from" must be a pod or workload (ns/name, deploy/ns/name) or an IP address',
    });
    assert.deepEqual(parseTraceArgs({ from: 'a', to: 5 }), {
      ok: false,
      error: '"to" must be a pod or workload (ns/name, deploy/ns/name) or an IP address',
    });
    assert.deepEqual(parseTraceArgs({ from: 'a', port: 0 }), {
      ok: false,
      error: '"port" must be a number from 1 to 65535',
    });
    assert.deepEqual(parseTraceArgs({ from: 'a', port: 'http' }), {
      ok: false,
      error: '"port" must be a number from 1 to 65535',
    });
    assert.deepEqual(parseTraceArgs({ from: 'a', protocol: 'ICMP' }), {
      ok: false,
      error: '"protocol" must be TCP, UDP or SCTP',
    });
  });

  void it('parses ports, protocols and IPv4 addresses strictly', () => {
    assert.deepEqual(
      [parsePort(65535), parsePort(65536), parsePort('08'), parsePort(1.5), parsePort('1e3')],
      [65535, undefined, 8, undefined, undefined],
    );
    assert.deepEqual(
      [parseProtocol('sctp'), parseProtocol('icmp'), parseProtocol(6)],
      ['SCTP', undefined, undefined],
    );
    assert.deepEqual(
      ['10.244.1.7', '256.1.1.1', '10.244.1', '01.2.3.4', ' 8.8.8.8 ', 'a.b.c.d'].map(isIPv4),
      [true, false, false, false, true, false],
    );
  });
});

void describe('changes command argument', () => {
  void it('takes the CodeLens policy; anything else shows every change', () => {
    assert.deepEqual(parseChangesArg({ policy: 'data/redis' }), { policy: 'data/redis' });
    for (const arg of [
      undefined,
      null,
      42,
      'data/redis',
      {},
      { policy: '' },
      { policy: 7 },
      [{ policy: 'x' }],
    ])
      assert.deepEqual(parseChangesArg(arg), {}, JSON.stringify(arg));
  });
});
