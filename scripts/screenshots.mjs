// Takes the README's screenshots from the running extension: packages the .vsix, opens samples/shop
// (3 nodes, 29 pods) in code-server (headless Chromium) with a manifest on the left, and captures in
// the second column the trace view (storefront web → postgres, dropped at the source; web → catalog
// while encapsulated; web → the catalog Service on kube-proxy's DNAT), the reachability matrix (one workload opened to its replicas, a cell's reason)
// and the topology, in light, dark and high-contrast themes, and trace-replay.png: an animated PNG of
// the web → catalog replay, hop by hop; and changes.png: the reachability changes view after one
// policy of the committed sample is edited.
// Needs the e2e setup (npm run setup:e2e). Usage: node scripts/screenshots.mjs [outDir] [matrix|service|changes]
import fs from 'node:fs';
import path from 'node:path';
import {
  goToLine,
  pick,
  quickOpen,
  quickOpenPath,
  runCommand,
  until,
  webviewWith,
} from '../test/e2e/lib/browser.mjs';
import { openSession } from '../test/e2e/lib/session.mjs';
import { apng } from './png.mjs';
import { commitAll, freshShop } from '../test/e2e/lib/workspaces.mjs';

const outDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'media', 'screenshots'));
fs.mkdirSync(outDir, { recursive: true });

const WEB = 'storefront/web-5hw8bthfzp-29sp8';
/** The traces, each bound to a key: the palette cannot pass a command its arguments. */
const TRACES = {
  dropped: {
    key: 'ctrl+alt+shift+f9',
    press: 'Control+Alt+Shift+F9',
    to: 'data/postgres-tqw8c72sn2-dfkln',
    port: 5432,
  },
  delivered: {
    key: 'ctrl+alt+shift+f10',
    press: 'Control+Alt+Shift+F10',
    to: 'storefront/catalog-w96rwp5fpn-4k95m',
    port: 8080,
  },
  /** To the catalog Service by its DNS name: the lookup, then kube-proxy's DNAT. */
  service: {
    key: 'ctrl+alt+shift+f11',
    press: 'Control+Alt+Shift+F11',
    to: 'catalog.storefront',
    port: 80,
  },
};
const keybindings = Object.values(TRACES).map((t) => ({
  key: t.key,
  command: 'netpolLens.tracePacket',
  args: { from: WEB, to: t.to, port: t.port, protocol: 'TCP' },
}));

/** With the manifest open on the left, opens a trace in the second column and returns its frame. */
async function trace(page, which) {
  await runCommand(page, 'View: Close All Editors');
  await quickOpen(page, 'storefront.yaml');
  await page.keyboard.press(TRACES[which].press);
  return webviewWith(page, '#trace-title', { text: `${WEB} → ${TRACES[which].to}` });
}

async function jumpTo(frame, stepLabel) {
  const item = frame
    .locator('#steps li', { has: frame.locator('.step-label', { hasText: stepLabel }) })
    .first();
  await item.locator('button').click();
  await frame.locator('#steps li.current .step-label', { hasText: stepLabel }).waitFor();
}

/** Steps through every hop of the open trace and records its column at each one, as an APNG. */
async function recordReplay(page, frame, file) {
  const area = await page.locator('.editor-group-container').nth(1).boundingBox();
  const clip = { x: area.x, y: area.y, width: area.width, height: area.height };
  await frame.locator('#steps li').first().locator('button').click();
  const hops = await frame.locator('#steps li[data-index]').count();
  const shots = [];
  for (let i = 0; i < hops; i++) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await frame.locator(`#steps li.current[data-index="${i}"]`).waitFor();
    await page.waitForTimeout(1000); // the packet's move takes 60% of a hop at 1×
    shots.push(await page.screenshot({ clip }));
  }
  const delays = shots.map((_, i) => (i === shots.length - 1 ? 4000 : 1200));
  fs.writeFileSync(path.join(outDir, file), apng(shots, delays));
}

/** The Service trace stopped on the connection's DNAT hop: kube-proxy's box and the rewrite in the inspector. */
async function captureServiceTrace(page, shot) {
  const frame = await trace(page, 'service');
  const dnat = frame.locator('#steps li[data-index]', {
    has: frame.locator('.step-kind', { hasText: 'kube-proxy DNAT' }),
  });
  await dnat.last().locator('button').click();
  await frame.locator('#inspector-nat').waitFor();
  await page.waitForTimeout(1000);
  await shot('trace-service');
}

/**
 * The matrix on the realistic sample (samples/shop) in the side-by-side layout: a manifest in the
 * first column, the matrix beside it, one workload opened to its replicas, a cell's reason shown.
 */
async function captureMatrix(theme, suffix) {
  const session = await openSession(freshShop(), { 'workbench.colorTheme': theme });
  const { page } = session;
  const shot = (name) => page.screenshot({ path: path.join(outDir, `${name}${suffix}.png`) });
  try {
    await quickOpen(page, 'storefront.yaml');
    await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 60000 });
    await runCommand(page, 'NetworkPolicy Lens: Show Reachability Matrix');
    await pick(page, '8080', '8080/TCP');
    const frame = await webviewWith(page, '#matrix');
    await frame.locator('button[data-toggle="storefront/Deployment/web"]').first().click();
    const cell =
      'button.cell[data-row="storefront/web-5hw8bthfzp-29sp8"][data-col="orders/Deployment/checkout"]';
    await frame.locator(cell).hover();
    await until(async () => (await frame.locator('#cell-reason').innerText()).includes('allowed'), 'reason');
    await shot('matrix');
  } catch (e) {
    await shot('failure');
    throw e;
  } finally {
    await session.close();
  }
}

async function captureServiceOnly() {
  const session = await openSession(
    freshShop(),
    {},
    { viewport: { width: 1600, height: 1000 }, keybindings },
  );
  const shot = (name) => session.page.screenshot({ path: path.join(outDir, `${name}.png`) });
  try {
    await quickOpen(session.page, 'storefront.yaml');
    await session.page
      .locator('.statusbar-item', { hasText: '29 pods · 3 nodes · vxlan' })
      .waitFor({ timeout: 90000 });
    await captureServiceTrace(session.page, shot);
  } finally {
    await session.close();
  }
}

/**
 * The changes view beside the policy being edited: samples/shop committed, then the redis policy
 * retargeted from the cart pods to the web pods by typing (line 54 of policies/data.yaml).
 */
async function captureChanges(theme, suffix) {
  const workspace = freshShop();
  commitAll(workspace.dir);
  const session = await openSession(
    workspace,
    { 'workbench.colorTheme': theme },
    { viewport: { width: 1600, height: 1000 } },
  );
  const { page } = session;
  const shot = (name) => page.screenshot({ path: path.join(outDir, `${name}${suffix}.png`) });
  try {
    await quickOpenPath(page, 'policies/data.yaml');
    await page.locator('.statusbar-item', { hasText: '29 pods' }).waitFor({ timeout: 90000 });
    await goToLine(page, 54, 20);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('web');
    await page.keyboard.press('Escape');
    await runCommand(page, 'NetworkPolicy Lens: Show Reachability Changes');
    const frame = await webviewWith(page, '#changes-summary');
    await frame.locator('li.change').first().waitFor();
    await page.waitForTimeout(500);
    await shot('changes');
  } catch (e) {
    await shot('failure');
    throw e;
  } finally {
    await session.close();
  }
}

async function capture(theme, suffix, replay = false) {
  const session = await openSession(
    freshShop(),
    { 'workbench.colorTheme': theme },
    { viewport: { width: 1600, height: 1000 }, keybindings },
  );
  const { page } = session;
  const shot = (name) => page.screenshot({ path: path.join(outDir, `${name}${suffix}.png`) });
  try {
    // Opening a manifest activates the extension; its status bar item shows once the server read the workspace.
    await quickOpen(page, 'storefront.yaml');
    await page
      .locator('.statusbar-item', { hasText: '29 pods · 3 nodes · vxlan' })
      .waitFor({ timeout: 90000 });
    let frame;
    if (replay) {
      frame = await trace(page, 'delivered');
      await recordReplay(page, frame, 'trace-replay.png');
    }
    frame = await trace(page, 'dropped');
    await until(async () => (await frame.locator('#verdict').innerText()).startsWith('Dropped'), 'verdict');
    await page.keyboard.press('End');
    await page.waitForTimeout(800);
    await shot('trace-dropped');
    frame = await trace(page, 'delivered');
    await jumpTo(frame, '4');
    await page.waitForTimeout(800);
    await shot('trace-vxlan');
    await captureServiceTrace(page, shot);
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'storefront.yaml');
    await runCommand(page, 'View: Split Editor Right');
    await runCommand(page, 'NetworkPolicy Lens: Show Topology');
    await webviewWith(page, '#topology-summary');
    await page.waitForTimeout(500);
    await shot('topology');
  } catch (e) {
    await shot('failure');
    throw e;
  } finally {
    await session.close();
  }
}

const THEMES = [
  ['Default Light Modern', ''],
  ['Default Dark Modern', '-dark'],
  ['Default High Contrast', '-hc'],
];
// `matrix` as the second argument takes the matrix shots only; `service` the Service trace only (light).
const only = process.argv[3];
if (only === 'service') await captureServiceOnly();
else
  for (const [i, [theme, suffix]] of THEMES.entries()) {
    if (only === 'changes') {
      if (i === 0) await captureChanges(theme, suffix);
      continue;
    }
    if (only !== 'matrix') await capture(theme, suffix, i === 0);
    await captureMatrix(theme, suffix);
    if (i === 0) await captureChanges(theme, suffix);
  }
console.log(`screenshots in ${path.relative(process.cwd(), outDir)}`);
