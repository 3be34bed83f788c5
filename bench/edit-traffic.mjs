// What one edit costs between the editor and the language server at 50,000 pods: every message and
// byte both ways, from the edit until the traffic stops, with the extension's client behaviour
// emulated. `--client requesting` is the status bar as it was (it asked for netpol/topology after
// each netpol/modelChanged); `--client summary` renders from the notification's summary and, like
// VS Code, asks the visible document's CodeLens again on workspace/codeLens/refresh.
// Usage (after the build): node bench/edit-traffic.mjs [--client summary|requesting] [--server path]
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startServer } from './lsp-client.mjs';
import { prepare, SPECS } from './workspaces.mjs';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const flag = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const clientMode = flag('--client', 'summary');
const serverPath = path.resolve(flag('--server', path.join(root, 'server', 'out', 'server.js')));
/** No message for this long: the edit's traffic is over. */
const QUIET_MS = 1500;
/** The status bar's wait after a model change (client/src/ctx.ts). */
const STATUS_DEBOUNCE_MS = 150;

/** Counts LSP messages and bytes of one direction, by method (responses by their request's method). */
class Tally {
  constructor(methodOfId) {
    this.methodOfId = methodOfId;
    this.buffer = Buffer.alloc(0);
    this.reset();
  }
  reset() {
    this.messages = 0;
    this.bytes = 0;
    this.byMethod = new Map();
    this.lastAt = Date.now();
  }
  add(chunk) {
    this.buffer = Buffer.concat([this.buffer, Buffer.from(chunk)]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString());
      this.count(body, end + 4 + length);
      this.buffer = this.buffer.subarray(end + 4 + length);
    }
  }
  count(body, bytes) {
    const method = body.method ?? `${this.methodOfId.get(body.id) ?? '?'} (response)`;
    if (body.method && body.id !== undefined) this.sent?.set(body.id, body.method);
    this.messages += 1;
    this.bytes += bytes;
    const m = this.byMethod.get(method) ?? { messages: 0, bytes: 0 };
    this.byMethod.set(method, { messages: m.messages + 1, bytes: m.bytes + bytes });
    this.lastAt = Date.now();
  }
}

const ws = prepare('pods50k', SPECS.pods50k);
const server = await startServer([serverPath, '--stdio'], {
  root: ws.dir,
  settings: {},
  codeLensRefresh: clientMode === 'summary',
});
const toServerIds = new Map();
const toClientIds = new Map();
const up = new Tally(toClientIds);
const down = new Tally(toServerIds);
up.sent = toServerIds;
down.sent = toClientIds;
server.proc.stdout.on('data', (d) => down.add(d));
const write = server.proc.stdin.write.bind(server.proc.stdin);
server.proc.stdin.write = (chunk, ...rest) => {
  up.add(chunk);
  return write(chunk, ...rest);
};

const file = ws.files.find((f) => path.basename(f).startsWith('pods'));
const uri = pathToFileURL(file).href;
/** The emulated client's own requests still in flight. */
const pending = new Set();
const track = (promise) => {
  pending.add(promise);
  void promise.finally(() => pending.delete(promise));
};
let statusTimer;
server.connection.onNotification('netpol/modelChanged', () => {
  if (clientMode !== 'requesting') return;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => track(server.request('netpol/topology')), STATUS_DEBOUNCE_MS);
});
server.connection.onRequest('workspace/codeLens/refresh', () => {
  track(server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }));
  return null;
});

while (!server.progressEnds.length) await new Promise((r) => setTimeout(r, 50));
const text = fs.readFileSync(file, 'utf8');
const opened = server.nextDiagnostics(uri, 1);
await server.open(uri, text, 1);
await opened;
await quiet();

up.reset();
down.reset();
const at = text.indexOf('app: app-') + 'app: app-'.length;
const before = text.slice(0, at);
const position = { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
await server.connection.sendNotification('textDocument/didChange', {
  textDocument: { uri, version: 2 },
  contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
});
await server.nextDiagnostics(uri, 2);
await quiet();

console.log(`one edit (a pod label) at ${ws.pods} pods, client: ${clientMode}, server: ${serverPath}`);
for (const [name, t] of [
  ['client → server', up],
  ['server → client', down],
]) {
  console.log(`${name}: ${t.messages} messages, ${t.bytes} bytes`);
  for (const [method, m] of t.byMethod) console.log(`  ${method}: ${m.messages} × = ${m.bytes} bytes`);
}
await server.stop();

async function quiet() {
  while (pending.size || Date.now() - Math.max(up.lastAt, down.lastAt) < QUIET_MS)
    await new Promise((r) => setTimeout(r, 100));
}
