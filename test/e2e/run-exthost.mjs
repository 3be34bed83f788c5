// Runs the mocha suite of test/e2e/exthost/ INSIDE the real VS Code extension host of code-server,
// driven by headless Chromium, on a fresh copy of samples/. The web workbench takes a `payload` URL
// parameter with extensionDevelopmentPath / extensionTestsPath (the mechanism of VS Code's own browser
// integration tests); when run() settles it calls window.codeAutomationExit(code), and the extension
// host's console (mocha's reporter) reaches window.codeAutomationLog. Ends with "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchBrowser, screenshot } from './lib/browser.mjs';
import { repoRoot, startCodeServer, tempProfile } from './lib/code-server.mjs';
import { freshSamples } from './lib/workspaces.mjs';

const testsModule = path.join(repoRoot, 'out', 'test', 'e2e', 'exthost', 'index');
const timeoutMs = Number(process.env.E2E_EXTHOST_TIMEOUT_MS || 180000);
// Workbench chatter that is not test output (shown with E2E_VERBOSE=1).
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[Service Worker\]/,
  /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution/,
  /^ChatSessionStore/,
  /ENOTFOUND open-vsx\.org/,
  /^\s+at .*\/static\/out\//,
  /^\s*$/,
];

const t0 = Date.now();
const counts = { passed: 0, failed: 0 };

function onLog(type, args) {
  const text = util.format(...(args ?? []));
  counts.passed = Number((/^\s*(\d+) passing/m.exec(text) ?? [])[1] ?? counts.passed);
  counts.failed = Number((/^\s*(\d+) failing/m.exec(text) ?? [])[1] ?? counts.failed);
  if (process.env.E2E_VERBOSE) console.log(`[${type}] ${text}`);
  else if (!NOISE.some((re) => re.test(text))) console.log(text);
}

async function runSuite(server, workspace) {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', onLog);
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.goto(
      server.workbenchUrl(workspace, [
        ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
        ['extensionTestsPath', server.remoteUri(testsModule)],
        ['skipWelcome', 'true'],
      ]),
    );
    let timer;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`extension tests did not finish in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const code = await Promise.race([exited, timedOut]);
      if (code !== 0) await screenshot(page, 'exthost-failure');
      return code;
    } catch (e) {
      await screenshot(page, 'exthost-timeout').catch(() => {});
      throw e;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close();
  }
}

let exitCode = 1;
if (!fs.existsSync(`${testsModule}.js`)) {
  console.log(`extension-host tests not built (${testsModule}.js); run: node scripts/build.mjs`);
} else {
  const profile = tempProfile();
  const ws = freshSamples();
  let server;
  try {
    server = await startCodeServer({ dirs: profile.dirs, workspace: ws.dir });
    exitCode = await runSuite(server, ws.dir);
  } catch (e) {
    console.log(`extension-host suite: ${e.message}`);
    if (server) console.log(`--- code-server log ---\n${server.getLog()}`);
  } finally {
    await server?.stop();
    profile.dispose();
    ws.dispose();
  }
}
if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
console.log(`extension-host suite: exit code ${exitCode} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(exitCode === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
