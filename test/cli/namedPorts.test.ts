// `netpol-lens matrix --port <name>` and `--port declared` on samples/shop: the name resolves per
// destination (search serves http on 9200, the others on 8080, postgres not at all), the JSON keeps
// its shape with `port` the name, and the text says how the name resolved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runJson } from './runCli';

interface MatrixJson {
  protocol: string;
  port: number | string;
  pods: string[];
  allowed: [string, string][];
  classes: number;
  ports: Record<string, number[]>;
  allowedPorts: number[][];
}

const matrix = (port: string, ...more: string[]) => ['matrix', 'samples/shop', '--port', port, ...more];
const pairs = (m: MatrixJson) => new Set(m.allowed.map(([a, b]) => `${a.split('-')[0]}>${b.split('-')[0]}`));

void test('--port http: JSON keeps its shape, port is the name, each destination on its own number', () => {
  const r = runJson<MatrixJson>(matrix('http', '--format', 'json'));
  assert.equal(r.status, 0);
  assert.deepEqual(Object.keys(r.json).slice(0, 5), ['protocol', 'port', 'pods', 'allowed', 'classes']);
  assert.equal(r.json.port, 'http');
  assert.equal(r.json.protocol, 'TCP');
  const search = r.json.pods.filter((p) => p.startsWith('data/search-'));
  assert.equal(search.length, 2);
  for (const p of search) assert.deepEqual(r.json.ports[p], [9200]);
  for (const p of r.json.pods.filter((p) => p.startsWith('data/postgres-')))
    assert.deepEqual(r.json.ports[p], []);
  const allowed = pairs(r.json);
  assert.ok(allowed.has('storefront/catalog>data/search'), 'catalog reaches search on http (9200)');
  assert.ok(allowed.has('storefront/web>orders/checkout'), 'web reaches checkout on http (8080)');
  assert.ok(!allowed.has('orders/orders>data/postgres'), 'postgres has no port named http');
  assert.ok(![...allowed].some((p) => p.endsWith('>data/postgres')));
  const byNumber = runJson<MatrixJson>(matrix('9200', '--format', 'json')).json;
  const toSearch = (m: MatrixJson) =>
    m.allowed.filter(([, b]) => b.startsWith('data/search-')).map((p) => p.join('>'));
  assert.deepEqual(toSearch(r.json), toSearch(byNumber));
});

void test('--port http as text: the header names the port, a line says how it resolved', () => {
  const r = runCli(matrix('http'));
  assert.equal(r.status, 0);
  const [head, resolution] = r.stdout.split('\n');
  assert.match(head ?? '', /^TCP\/http: \d+ of 812 connections allowed between 29 pods/);
  assert.equal(
    resolution,
    'port http for TCP: 9200 on 2 pods; 8080 on 14 pods; 13 pods have no such port and cannot be reached on it',
  );
});

void test('--port declared: allowed on some declared port, with the ports of each allowed pair', () => {
  const r = runJson<MatrixJson>(matrix('declared', '--format', 'json'));
  assert.equal(r.status, 0);
  assert.equal(r.json.port, 'declared');
  assert.equal(r.json.allowed.length, r.json.allowedPorts.length);
  const i = r.json.allowed.findIndex(
    ([a, b]) => a.startsWith('orders/orders-api-') && b.startsWith('data/kafka-'),
  );
  assert.ok(i >= 0, 'orders-api reaches kafka on a declared port');
  assert.deepEqual(r.json.allowedPorts[i], [9092]);
  // orders-api's egress names postgres's Service port 5432; the pods declare only 15432.
  assert.ok(
    !r.json.allowed.some(([a, b]) => a.startsWith('orders/orders-api-') && b.startsWith('data/postgres-')),
    'orders-api does not reach postgres on any declared port',
  );
});

void test('a bad port value is a usage error: exit 2, one line', () => {
  const r = runCli(matrix('Not_A_Name'));
  assert.equal(r.status, 2);
  assert.equal(
    r.stderr,
    `netpol-lens: option '--port <N|name|declared>' argument 'Not_A_Name' is invalid. Expected a port number from 1 to 65535, a port name (such as http), or "declared".\n`,
  );
});
