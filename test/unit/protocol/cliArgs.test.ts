// The CLI's --port values (server/src/protocol/cliArgs.ts): the value, or the exact one-line message
// commander prints before the CLI exits with code 2.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matrixPortFlag, portFlag, tracePortFlag } from '../../../server/src/protocol/cliArgs';

const NUMBER = 'Expected an integer from 1 to 65535.';
const TRACE = 'Expected an integer from 1 to 65535 or a port name.';
const MATRIX = 'Expected a port number from 1 to 65535, a port name (such as http), or "declared".';

const ok = <T>(value: T) => ({ ok: true, value });
const err = (error: string) => ({ ok: false, error });

void describe('CLI --port flags', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    // text, portFlag, tracePortFlag, matrixPortFlag
    ['80', ok(80), ok(80), ok(80)],
    ['0080', ok(80), ok(80), ok(80)],
    ['65535', ok(65535), ok(65535), ok(65535)],
    ['0', err(NUMBER), err(NUMBER), err(NUMBER)],
    ['65536', err(NUMBER), err(NUMBER), err(NUMBER)],
    ['99999999999999999999999', err(NUMBER), err(NUMBER), err(NUMBER)],
    ['http', err(NUMBER), ok('http'), ok('http')],
    ['declared', err(NUMBER), ok('declared'), ok('declared')],
    ['dns-tcp', err(NUMBER), ok('dns-tcp'), ok('dns-tcp')],
    ['HTTP', err(NUMBER), err(TRACE), err(MATRIX)],
    ['-1', err(NUMBER), err(TRACE), err(MATRIX)],
    [' 80', err(NUMBER), err(TRACE), err(MATRIX)],
    ['8o', err(NUMBER), ok('8o'), ok('8o')],
    ['1e3', err(NUMBER), ok('1e3'), ok('1e3')],
    ['a--b', err(NUMBER), err(TRACE), err(MATRIX)],
    ['', err(NUMBER), err(TRACE), err(MATRIX)],
    ['a'.repeat(16), err(NUMBER), err(TRACE), err(MATRIX)],
    ['$(rm -rf /)', err(NUMBER), err(TRACE), err(MATRIX)],
  ];
  for (const [text, port, trace, matrix] of cases)
    void it(JSON.stringify(text.slice(0, 24)), () => {
      assert.deepEqual(portFlag(text), port);
      assert.deepEqual(tracePortFlag(text), trace);
      assert.deepEqual(matrixPortFlag(text), matrix);
    });

  void it('never throws and always answers one line, whatever the text', () =>
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        for (const check of [portFlag, tracePortFlag, matrixPortFlag]) {
          const r = check(text);
          if (!r.ok) assert.ok([NUMBER, TRACE, MATRIX].includes(r.error));
        }
      }),
    ));
});
