// One UI test session: a fresh profile with the packaged .vsix installed, code-server on a fresh
// copy of a workspace, Chromium showing the workbench. Everything is removed by close().
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, screenshot, waitForWorkbench } from './browser.mjs';
import { installExtension, startCodeServer, tempProfile } from './code-server.mjs';
import { packageExtension } from './vsix.mjs';

/** The .vsix under test: E2E_VSIX (set by test/e2e/run.mjs), else packaged now. */
function vsixUnderTest() {
  const given = process.env.E2E_VSIX;
  if (given && fs.existsSync(given)) return given;
  return packageExtension();
}

/**
 * @param {{dir: string, dispose: () => void}} workspace a fresh copy (see workspaces.mjs)
 * @param {object} [settings] user settings on top of the defaults
 * @param {{keybindings?: object[], viewport?: {width: number, height: number}}} [options] user
 *   keybindings (e.g. a command with arguments, which the palette cannot pass) and window size
 */
export async function openSession(workspace, settings = {}, options = {}) {
  const t0 = Date.now();
  const profile = tempProfile(settings);
  if (options.keybindings)
    fs.writeFileSync(
      path.join(profile.dirs.userData, 'User', 'keybindings.json'),
      JSON.stringify(options.keybindings, null, 2),
    );
  let server;
  let browser;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    profile.dispose();
    workspace.dispose();
  };
  try {
    installExtension(profile.dirs, vsixUnderTest());
    server = await startCodeServer({ dirs: profile.dirs, workspace: workspace.dir });
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1920, height: 1080 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const dialogs = [];
    // A dialog (alert from injected markup) in any frame is a failure the tests assert on.
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.workbenchUrl(workspace.dir));
    await waitForWorkbench(page);
    console.log(`session ready in ${Date.now() - t0} ms (${server.baseUrl})`);
    const shot = (name) => screenshot(page, name);
    return { page, server, workspace: workspace.dir, dialogs, close, shot };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * `test` for a UI step: on failure it saves a screenshot `failed-<name>.png`
 * before rethrowing. `session()` returns the open session.
 */
export function uiStep(test, session, options) {
  return (name, fn) =>
    test(name, options, async () => {
      try {
        await fn();
      } catch (e) {
        const s = session();
        await s?.shot(`failed-${name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => {});
        throw e;
      }
    });
}
