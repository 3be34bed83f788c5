// Starts and stops a headless code-server (VS Code's server and web workbench, installed by
// test/e2e/install-code-server.sh) for the editor-level tests and `npm run demo`.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { onInterrupt, tempDir } from './interrupt.mjs';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const codeServerDir =
  process.env.CODE_SERVER_DIR || path.join(repoRoot, '.vscode-test', 'code-server');
export const codeServerEntry = path.join(
  codeServerDir,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const installScript = path.join(repoRoot, 'test', 'e2e', 'install-code-server.sh');

/** User settings that keep the workbench quiet and deterministic. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  // No hot-exit backups: a session must not restore another session's unsaved edits of a same-named file.
  'files.hotExit': 'off',
  'editor.hover.delay': 150,
  'editor.stickyScroll.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * The folders one code-server instance writes to. `root` holds them all; everything code-server
 * writes outside --user-data-dir (coder-logs, heartbeat, IPC sockets) is sent there too.
 */
export function profileDirs(root) {
  return {
    root,
    config: path.join(root, 'config.yaml'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    tmp: path.join(root, 'tmp'),
  };
}

/** Creates (or refreshes) a profile: config without auth, user settings, empty folders. */
export function prepareProfile(root, settings = {}) {
  const dirs = profileDirs(root);
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  fs.mkdirSync(dirs.tmp, { recursive: true });
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
  );
  return dirs;
}

function childEnv(dirs) {
  return {
    ...process.env,
    TMPDIR: dirs.tmp,
    XDG_DATA_HOME: path.join(dirs.root, 'xdg', 'data'),
    XDG_CONFIG_HOME: path.join(dirs.root, 'xdg', 'config'),
    XDG_CACHE_HOME: path.join(dirs.root, 'xdg', 'cache'),
  };
}

function baseArgs(dirs) {
  return [
    codeServerEntry,
    '--config',
    dirs.config,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
}

export function assertInstalled() {
  if (!fs.existsSync(codeServerEntry))
    throw new Error(`code-server is not installed (${codeServerEntry}); run: npm run setup:e2e`);
}

/** Installs a .vsix into the profile's extensions dir; throws with code-server's own message. */
export function installExtension(dirs, vsix) {
  assertInstalled();
  try {
    execFileSync(process.execPath, [...baseArgs(dirs), '--install-extension', vsix, '--force'], {
      stdio: 'pipe',
      env: childEnv(dirs),
    });
  } catch (e) {
    throw new Error(`installing ${vsix} into code-server failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** True when nothing listens on host:port (we can bind it ourselves). */
export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/**
 * Starts code-server in its own process group on 127.0.0.1.
 * @param {{dirs: object, workspace: string, port?: number, onLog?: (chunk: string) => void,
 *   killOnInterrupt?: boolean}} opts port 0 (default) lets the OS choose; the real one is read from
 *   code-server's log. killOnInterrupt (default true): SIGINT/SIGTERM of this process kill the server
 *   (the demo stops it itself).
 */
export async function startCodeServer({ dirs, workspace, port = 0, onLog, killOnInterrupt = true }) {
  assertInstalled();
  const args = [
    ...baseArgs(dirs),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // own process group: stop() ends server, extension hosts and watchers together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv(dirs),
  });
  let log = '';
  const onData = (b) => {
    log += b.toString();
    onLog?.(b.toString());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const forget = killOnInterrupt ? onInterrupt(() => signalGroup(child.pid, 'SIGKILL')) : () => {};
  const stop = stopper(child, forget);
  const baseUrl = await listeningUrl(child, () => log).catch(async (e) => {
    await stop();
    throw e;
  });
  const remoteAuthority = await readRemoteAuthority(baseUrl, workspace);
  return {
    baseUrl,
    pid: child.pid,
    dirs,
    getLog: () => log,
    stop,
    exited: new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r))),
    /** URL that opens the workbench on a folder, optionally with a VS Code `payload`. */
    workbenchUrl(folder, payload) {
      let u = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    /** vscode-remote:// URI of a path on the server machine (for the payload). */
    remoteUri(p) {
      const encoded = path.resolve(p).split(path.sep).map(encodeURIComponent).join('/');
      return `vscode-remote://${remoteAuthority}${encoded}`;
    },
  };
}

function listeningUrl(child, getLog, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start in ${timeoutMs} ms:\n${getLog()}`)),
      timeoutMs,
    );
    const check = () => {
      const m = /HTTP server listening on (http:\/\/[^\s]+?)\/?\s/.exec(getLog());
      if (!m) return;
      clearTimeout(timer);
      resolve(m[1]);
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (code ${code}):\n${getLog()}`));
    });
  });
}

/** The workbench page embeds its configuration; its remoteAuthority names the server in URIs. */
async function readRemoteAuthority(baseUrl, workspace) {
  const html = await (await fetch(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`)).text();
  const m = /id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
  const config = m ? JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) : {};
  return config.remoteAuthority || new URL(baseUrl).host;
}

/**
 * Stops the whole process group (server, extension hosts, watchers): TERM, then KILL whatever is
 * left after 5 s; resolves when no process of the group is left. Idempotent.
 */
function stopper(child, forget) {
  let stopping;
  return () => {
    stopping ??= (async () => {
      forget();
      signalGroup(child.pid, 'SIGTERM');
      if (!(await groupGone(child.pid, 5000))) signalGroup(child.pid, 'SIGKILL');
      await groupGone(child.pid, 2000);
    })();
    return stopping;
  };
}

/** Polls until no process of the group is left; false on timeout. */
async function groupGone(pgid, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** A throw-away profile in the system temp dir, removed by the returned dispose(). */
export function tempProfile(settings = {}) {
  const { dir, dispose } = tempDir('netpol-e2e-');
  return { dirs: prepareProfile(dir, settings), dispose };
}
