// `npm run demo`: builds and packages the extension, installs it into a local code-server (VS Code in
// the browser, kept in the git-ignored .vscode-test/), opens samples/seed/ (the seed's web/backend/db
// scenario) and prints the URL. Listens on 127.0.0.1 only; Ctrl-C stops everything. A second run
// reuses the installed code-server and the profile (settings, open editors); the freshly packaged
// .vsix replaces the installed one (about a second).
// Env: PORT (default 3000; when busy, a free port is used instead).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  installExtension,
  installScript,
  portIsFree,
  prepareProfile,
  repoRoot,
  startCodeServer,
} from '../test/e2e/lib/code-server.mjs';
import { packageExtension } from '../test/e2e/lib/vsix.mjs';

const profileRoot = path.join(repoRoot, '.vscode-test', 'demo');
const workspace = path.join(repoRoot, 'samples', 'seed');
const say = (text) => console.log(`[demo] ${text}`);

function fail(message) {
  console.error(`[demo] ${message}`);
  process.exit(1);
}

function ensureCodeServer() {
  const r = spawnSync('bash', [installScript], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) fail('installing code-server failed (see above)');
}

async function choosePort() {
  const wanted = Number(process.env.PORT || 3000);
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535)
    fail(`PORT must be a port number, not ${process.env.PORT}`);
  if (wanted === 0 || (await portIsFree(wanted))) return wanted;
  say(`port ${wanted} is busy; using a free port instead`);
  return 0;
}

ensureCodeServer();
say('building and packaging the extension');
let vsix;
let packagingLog = '';
try {
  vsix = packageExtension((text) => (packagingLog += text));
} catch (e) {
  fail(`${packagingLog}\n${e.message}`);
}
const dirs = prepareProfile(profileRoot);
say(`installing ${path.basename(vsix)} into code-server (.vscode-test/demo)`);
try {
  installExtension(dirs, vsix);
} catch (e) {
  fail(e.message);
}
const server = await startCodeServer({
  dirs,
  workspace,
  port: await choosePort(),
  killOnInterrupt: false,
}).catch((e) => fail(e.message));
const url = `${server.baseUrl}/?folder=${encodeURI(workspace)}`;
say(`VS Code with NetworkPolicy Lens is running on 127.0.0.1 only.`);
say(`Open ${url}`);
say('Try: open seed-policies-as-written.yaml (two errors, quick fixes), hover a podSelector,');
say('     F1 > "NetworkPolicy Lens: Trace Packet…" web → db port 5432. Ctrl-C stops the demo.');

let stopping = false;
const shutdown = async (signal) => {
  stopping = true;
  say(`${signal}: stopping code-server`);
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
const code = await server.exited;
if (!stopping) fail(`code-server exited unexpectedly (code ${code}):\n${server.getLog().slice(-2000)}`);
