// The trace command's quick picks and the trace view's DOM, as the UI tests use them.
// Stable ids of the webview (media/src/trace/views.ts): #trace-title, #steps (li[data-index] with
// .step-label and .step-device), #verdict, #diagram (g.box.node with text.node-title), #inspector-where.
import { WAIT, pick, webviewWith } from '../lib/browser.mjs';

/** Answers the Trace Packet… quick picks: source pod, destination, protocol, port. */
export async function pickTrace(page, { from, to, port, protocol }) {
  await pick(page, `default/${from}`);
  await pick(page, `default/${to}`);
  await pick(page, protocol);
  await pick(page, String(port));
}

/** Waits for the trace panel `Trace: from → to` and returns its webview frame. */
export async function showTrace(page, from, to) {
  const title = `Trace: ${from} → ${to}`;
  await page.locator('.tab.active', { hasText: title }).waitFor({ timeout: WAIT });
  return webviewWith(page, '#trace-title', { text: `${from} → ${to}` });
}

/** What the trace view shows: title, verdict, steps (label, device), node names in the diagram. */
export async function readTraceView(view) {
  return {
    title: (await view.locator('#trace-title').innerText()).trim(),
    verdict: (await view.locator('#verdict').innerText()).trim(),
    steps: await view.locator('#steps li[data-index]').evaluateAll((lis) =>
      lis.map((li) => ({
        label: li.querySelector('.step-label')?.textContent ?? '',
        device: li.querySelector('.step-device')?.textContent ?? '',
      })),
    ),
    nodes: await view
      .locator('#diagram g.box.node > text.node-title')
      .evaluateAll((ts) => ts.map((t) => t.textContent ?? '')),
  };
}
