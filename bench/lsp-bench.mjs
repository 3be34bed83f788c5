// Language-server benchmarks: our server (server/out/server.js) and yaml-language-server, both over
// stdio, timed from the client side (send → the matching publishDiagnostics or hover reply).
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, withTimeout } from './lsp-client.mjs';
import { median } from './measure.mjs';
import { topologyOnly } from './workspaces.mjs';

const root = path.resolve(import.meta.dirname, '..');
export const serverPath = path.join(root, 'server', 'out', 'server.js');
const yamlLsBin = path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const schemaPath = path.join(root, 'bench', 'schemas', 'networkpolicy.json');
/** yaml-language-server waits this long after a change before validating (yamlSettings.validationDelayMs). */
export const YAML_LS_DELAY_MS = 200;

/** Our server's longest debounce of edits, read from its source so the figure follows any change to it. */
export function ourDebounceMs() {
  const source = fs.readFileSync(path.join(root, 'server', 'src', 'lsp', 'validation.ts'), 'utf8');
  return Number(/DEBOUNCE_MS = (\d+)/.exec(source)?.[1] ?? 0);
}

/** A NetworkPolicy with one field the API server rejects; both servers must flag it. */
const WARMUP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: warmup
spec:
  podSelector: {}
  ingres:
    - {}
`;

function startOurs(rootDir, extraArgv = []) {
  return startServer([...extraArgv, serverPath, '--stdio'], { root: rootDir, settings: {} });
}

/** Waits for the end of the server's indexing progress, then checks the topology holds `pods` pods. */
async function waitIndexed(server, pods, since) {
  while (!server.progressEnds.length) {
    if (performance.now() - since > 300_000) throw new Error('indexing did not end within 300 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  const ended = server.progressEnds[0] - since;
  const topo = await server.request('netpol/topology');
  if (topo.pods.length < pods) throw new Error(`indexed ${topo.pods.length} of ${pods} pods`);
  return ended;
}

async function openAndTime(server, uri, text) {
  const start = performance.now();
  const done = server.nextDiagnostics(uri, 1);
  await server.open(uri, text, 1);
  const d = await done;
  return { ms: d.at - start, diagnostics: d.diagnostics, bytes: messageBytes(d) };
}

/** The size of a publishDiagnostics message as sent (its JSON-RPC body). */
function messageBytes({ uri, version, diagnostics }) {
  const params = version === undefined ? { uri, diagnostics } : { uri, version, diagnostics };
  return Buffer.byteLength(
    JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params }),
  );
}

/** Opens a document with one API-server error and checks the server reports it (schema/rules active). */
async function warmUp(server, dir) {
  const uri = pathToFileURL(path.join(dir, 'warmup-unsaved.yaml')).href;
  const { diagnostics } = await openAndTime(server, uri, WARMUP);
  if (!diagnostics.some((d) => d.range.start.line === 6))
    throw new Error(`warm-up error on line 7 not reported: ${JSON.stringify(diagnostics).slice(0, 300)}`);
}

/**
 * Where to type: offsets just after `app: app-N` values of matchLabels, spread through the document.
 * Typing `x` there makes a selector match nothing (a lint appears); deleting it restores the text.
 */
function editOffsets(text, count) {
  const offsets = [];
  const re = /\n\s+app: app-\d+/g;
  let m;
  while ((m = re.exec(text))) offsets.push(m.index + m[0].length);
  return Array.from({ length: count }, (_, i) => offsets[Math.floor(((i + 0.5) * offsets.length) / count)]);
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

/**
 * Types one character and deletes it again, at several places; times each edit → its diagnostics.
 * Then the same edits each followed at once by a hover request, which the server answers only once
 * the document is validated (and its diagnostics published): the edit without the debounce.
 */
async function timeEdits(server, uri, text, places) {
  const incremental =
    (server.capabilities.textDocumentSync?.change ?? server.capabilities.textDocumentSync) === 2;
  const times = [];
  const immediate = [];
  let version = 1;
  for (const forced of [false, true])
    for (const offset of editOffsets(text, places)) {
      const at = positionAt(text, offset);
      const typed = text.slice(0, offset) + 'x' + text.slice(offset);
      const edits = [
        { range: { start: at, end: at }, text: 'x', full: typed },
        { range: { start: at, end: { ...at, character: at.character + 1 } }, text: '', full: text },
      ];
      for (const e of edits) {
        version++;
        const change = incremental ? { range: e.range, text: e.text } : { text: e.full };
        const start = performance.now();
        const done = server.nextDiagnostics(uri, version);
        await server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [change],
        });
        if (forced) {
          const hover = { textDocument: { uri }, position: { line: 0, character: 0 } };
          await withTimeout(server.connection.sendRequest('textDocument/hover', hover), 60_000);
          immediate.push(performance.now() - start);
        }
        times.push((await done).at - start);
      }
    }
  return { times: times.slice(0, times.length / 2), immediate, incremental };
}

export async function benchOursOpenEdit(ws) {
  const dir = topologyOnly(ws);
  const t0 = performance.now();
  const server = await startOurs(dir);
  try {
    const indexMs = await waitIndexed(server, ws.pods + 2, t0);
    await warmUp(server, dir);
    const uri = pathToFileURL(path.join(dir, ws.policies.name)).href;
    const open = await openAndTime(server, uri, ws.policies.text);
    const edits = await timeEdits(server, uri, ws.policies.text, 4);
    return { indexMs, open, edits, rssMB: server.rssMB() };
  } finally {
    await server.stop();
  }
}

export async function benchYamlLs(ws) {
  const dir = topologyOnly(ws);
  const server = await startServer([yamlLsBin, '--stdio'], {
    root: dir,
    settings: {
      yaml: {
        validate: true,
        hover: false,
        completion: false,
        format: { enable: false },
        schemas: { [pathToFileURL(schemaPath).href]: ['*.yaml'] },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
      },
      http: {},
      '[yaml]': {},
      editor: {},
    },
  });
  try {
    await warmUp(server, dir);
    const uri = pathToFileURL(path.join(dir, ws.policies.name)).href;
    const open = await openAndTime(server, uri, ws.policies.text);
    return { open, rssMB: server.rssMB() };
  } finally {
    await server.stop();
  }
}

/** No publication for this long: the server has published everything it will. */
const QUIET_MS = 1500;

/**
 * Cold start on the whole workspace on disk: from spawning the server to the last publication of
 * diagnostics (each file's complete diagnostics, as published once the workspace is indexed).
 */
export async function benchOursColdStart(ws, extraArgv = []) {
  const t0 = performance.now();
  const server = await startOurs(ws.dir, extraArgv);
  try {
    await waitIndexed(server, ws.pods + 2, t0);
    let seen = -1;
    while (seen !== server.published.length || !server.published.length) {
      seen = server.published.length;
      await new Promise((r) => setTimeout(r, QUIET_MS));
    }
    const last = server.published.at(-1);
    const policiesUri = pathToFileURL(path.join(ws.dir, ws.policies.name)).href;
    const policies = server.published.filter((p) => p.uri === policiesUri).at(-1);
    return {
      ms: last.at - t0,
      files: new Set(server.published.map((p) => p.uri)).size,
      publications: server.published.length,
      diagnostics: policies?.diagnostics.length ?? 0,
      rssMB: server.rssMB(),
    };
  } finally {
    await server.stop();
  }
}

/** Hover on podSelector keys of the opened policies file, with the whole (large) topology indexed. */
export async function benchHover(ws, samples = 21) {
  const t0 = performance.now();
  const server = await startOurs(ws.dir);
  try {
    const indexMs = await waitIndexed(server, ws.pods + 2, t0);
    const rssIndexed = server.rssMB();
    const uri = pathToFileURL(path.join(ws.dir, ws.policies.name)).href;
    await openAndTime(server, uri, ws.policies.text);
    const lines = ws.policies.text.split('\n');
    const targets = lines.flatMap((l, i) => (/^\s+podSelector:/.test(l) ? [i] : [])).slice(0, samples);
    const times = [];
    let sample = '';
    for (const line of targets) {
      const character = lines[line].indexOf('podSelector') + 3;
      const start = performance.now();
      const hover = await withTimeout(
        server.connection.sendRequest('textDocument/hover', {
          textDocument: { uri },
          position: { line, character },
        }),
        30_000,
      );
      times.push(performance.now() - start);
      sample ||= hoverText(hover);
    }
    return {
      indexMs,
      rssIndexed,
      rssAfter: server.rssMB(),
      first: times[0],
      median: median(times.slice(1)),
      sample,
    };
  } finally {
    await server.stop();
  }
}

/**
 * Hover on Service names in services.yaml (address, endpoints, and which of the workspace's pods may
 * connect on each port, by rule): first and median of the rest, each Service a different one.
 */
export async function benchServiceHover(ws, samples = 21) {
  const t0 = performance.now();
  const server = await startOurs(ws.dir);
  try {
    const indexMs = await waitIndexed(server, ws.pods + 2, t0);
    const file = path.join(ws.dir, 'services.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    await openAndTime(server, uri, text);
    const lines = text.split('\n');
    const names = lines.flatMap((l, i) => (/^ {2}name: /.test(l) ? [i] : []));
    const targets = Array.from({ length: samples }, (_, k) => names[(k * 37) % names.length]);
    const times = [];
    let sample = '';
    for (const line of targets) {
      const start = performance.now();
      const hover = await withTimeout(
        server.connection.sendRequest('textDocument/hover', {
          textDocument: { uri },
          position: { line, character: 10 },
        }),
        30_000,
      );
      times.push(performance.now() - start);
      sample ||= hoverText(hover);
    }
    return { indexMs, first: times[0], median: median(times.slice(1)), sample };
  } finally {
    await server.stop();
  }
}

function hoverText(hover) {
  const c = hover?.contents;
  const text =
    typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => x.value ?? x).join(' ') : (c?.value ?? '');
  return text.replace(/\s+/g, ' ').slice(0, 80);
}

/**
 * Runs the 2,000-policy open under --cpu-prof: one profile per thread (a fixed name would let the
 * threads overwrite each other's), written when the server exits; the main thread's comes first.
 */
export async function profileOurs(ws, dir) {
  const sub = path.join(dir, `lsp-open-${ws.name}`);
  fs.rmSync(sub, { recursive: true, force: true });
  fs.mkdirSync(sub, { recursive: true });
  const topo = topologyOnly(ws);
  const server = await startOurs(topo, ['--cpu-prof', '--cpu-prof-dir', sub]);
  try {
    await waitIndexed(server, ws.pods + 2, performance.now());
    const uri = pathToFileURL(path.join(topo, ws.policies.name)).href;
    await openAndTime(server, uri, ws.policies.text);
    await timeEdits(server, uri, ws.policies.text, 4);
  } finally {
    await server.stop();
  }
  return fs.readdirSync(sub).map((f) => path.join(sub, f));
}

/** The cold start under --cpu-prof: one profile per thread (the workers' too), written at exit. */
export async function profileColdStart(ws, dir) {
  const sub = path.join(dir, `lsp-cold-${ws.name}`);
  fs.rmSync(sub, { recursive: true, force: true });
  fs.mkdirSync(sub, { recursive: true });
  await benchOursColdStart(ws, ['--cpu-prof', '--cpu-prof-dir', sub]);
  return fs.readdirSync(sub).map((f) => path.join(sub, f));
}
