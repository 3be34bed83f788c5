// A minimal LSP client for the benchmarks: starts a server over stdio, answers the requests a server
// sends to its client (configuration, registrations, progress), and records every publishDiagnostics
// with the time it arrived, so a benchmark can wait for "the diagnostics after this change".
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  RequestType,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
} from 'vscode-languageserver-protocol/node';

/**
 * @param {string[]} argv  node arguments: script and its flags
 * @param {{ root?: string, settings?: Record<string, unknown>, initializationOptions?: unknown, env?: NodeJS.ProcessEnv, codeLensRefresh?: boolean }} options
 */
export async function startServer(argv, options = {}) {
  const proc = spawn(process.execPath, argv, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const connection = createProtocolConnection(
    new StreamMessageReader(proc.stdout),
    new StreamMessageWriter(proc.stdin),
  );
  const published = [];
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const entry = { at: performance.now(), ...params };
    published.push(entry);
    for (const w of [...waiters]) if (w.accepts(entry)) w.resolve(entry);
  });
  connection.onRequest('workspace/configuration', (params) =>
    params.items.map((item) => lookup(options.settings ?? {}, item.section)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  const progressEnds = [];
  connection.onRequest('window/workDoneProgress/create', ({ token }) => {
    connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'end') progressEnds.push(performance.now());
    });
    return null;
  });
  connection.onRequest('workspace/workspaceFolders', () => folders(options.root));
  connection.onNotification(() => undefined);
  connection.listen();

  const rootUri = options.root ? pathToFileURL(options.root).href : null;
  const initialized = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: folders(options.root),
    initializationOptions: options.initializationOptions ?? options.settings ?? {},
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: {},
        codeLens: { refreshSupport: options.codeLensRefresh === true },
      },
      window: { workDoneProgress: true },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        synchronization: { didSave: true },
      },
    },
  });
  await connection.sendNotification('initialized', {});

  return {
    proc,
    connection,
    capabilities: initialized.capabilities,
    /** Times at which work-done progress (indexing) ended. */
    progressEnds,
    /** Sends a request whose type takes no parameters (RequestType<void, …>). */
    request(method) {
      return connection.sendRequest(new RequestType(method), undefined);
    },
    published,
    stderr: () => stderr,
    /** The next publishDiagnostics for `uri` (with `version`, when given and the server sends versions). */
    nextDiagnostics(uri, version, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          remove();
          reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`));
        }, timeoutMs);
        const w = {
          accepts: (e) =>
            e.uri === uri && (version === undefined || e.version === undefined || e.version === version),
          resolve: (e) => {
            clearTimeout(timer);
            remove();
            resolve(e);
          },
        };
        const remove = () => waiters.splice(waiters.indexOf(w), 1);
        waiters.push(w);
      });
    },
    open(uri, text, version = 1, languageId = 'yaml') {
      return connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId, version, text },
      });
    },
    /** Resident set size of the server process, in MB (Linux /proc). */
    rssMB() {
      const status = fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    },
    async stop() {
      try {
        await withTimeout(connection.sendRequest('shutdown'), 5000);
        await connection.sendNotification('exit');
      } catch {
        // the server is stopped by signal below
      }
      connection.dispose();
      const exited = new Promise((resolve) =>
        proc.exitCode !== null ? resolve() : proc.once('exit', resolve),
      );
      await withTimeout(exited, 10_000).catch(() => proc.kill());
    },
  };
}

function folders(root) {
  return root ? [{ uri: pathToFileURL(root).href, name: 'bench' }] : null;
}

/** Settings lookup for workspace/configuration: `yaml` → settings.yaml, `a.b` → settings.a.b. */
function lookup(settings, section) {
  if (!section) return settings;
  if (section in settings) return settings[section];
  return (
    section.split('.').reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), settings) ?? null
  );
}

export function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
  ]);
}
