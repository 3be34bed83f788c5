// `npm run test:electron`: the standard @vscode/test-electron harness running the same
// extension-host suite (test/e2e/exthost/) in desktop VS Code, for machines with internet access.
// It downloads VS Code from update.code.visualstudio.com (cached in .vscode-test/); without internet
// it fails with one line saying so (use `npm run test:e2e`, which needs no download).
// Env: VSCODE_VERSION (default 1.100.3, the version code-server 4.100.3 ships), VSCODE_EXECUTABLE.
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { repoRoot } from './lib/code-server.mjs';
import { freshSamples } from './lib/workspaces.mjs';

/** Reports the download in a few lines instead of a progress bar; errors are reported below. */
const reporter = {
  report(r) {
    if (r.stage === 'foundMatchingInstall') console.log(`test:electron: using ${r.downloadedPath}`);
    if (r.stage === 'downloading' && r.bytesSoFar === 0) console.log(`test:electron: downloading ${r.url}`);
  },
  error() {},
};

const ws = freshSamples();
const options = {
  reporter,
  extensionDevelopmentPath: repoRoot,
  extensionTestsPath: path.join(repoRoot, 'out', 'test', 'e2e', 'exthost', 'index'),
  launchArgs: [ws.dir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  cachePath: path.join(repoRoot, '.vscode-test', 'electron'),
  ...(process.env.VSCODE_EXECUTABLE
    ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE }
    : { version: process.env.VSCODE_VERSION || '1.100.3' }),
};

/** One line for what went wrong: a network failure is the expected one on an offline machine. */
function describe(e) {
  const text = `${e?.message ?? e}`;
  const net = /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH)\s*([\w.-]*)/.exec(text);
  if (net)
    return `cannot download VS Code (${net[1]} ${net[2]}): no internet access here; run the same suite offline with npm run test:e2e`;
  return text.split('\n')[0];
}

let code = 1;
try {
  code = await runTests(options);
} catch (e) {
  console.error(`test:electron: ${describe(e)}`);
} finally {
  ws.dispose();
}
process.exit(code);
