// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per source file, with
// bundle locations mapped back to their source modules through the `// path/to/module.ts` markers
// esbuild writes in unminified bundles.
// Usage: node bench/profile.mjs <file.cpuprofile> [top]
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const markerCache = new Map();

/** [bundle line, source module] pairs, ascending, for one bundle file. */
function modulesOf(url) {
  if (markerCache.has(url)) return markerCache.get(url);
  let markers = [];
  try {
    const text = fs.readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8');
    text.split('\n').forEach((line, i) => {
      const m = /^\/\/ ((?:server|client|media|node_modules|bench|test)\/\S+\.[cm]?[jt]s)$/.exec(line);
      if (m) markers.push([i, m[1]]);
    });
  } catch {
    markers = [];
  }
  markerCache.set(url, markers);
  return markers;
}

function sourceOf(frame) {
  const { url, lineNumber } = frame;
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url;
  let found;
  for (const [line, module] of modulesOf(url)) {
    if (line > lineNumber) break;
    found = module;
  }
  return found ?? url.replace(/^file:\/\//, '');
}

/** Self time per function and per module, as percentages of all sampled time. */
export function summarise(profilePath, top = 15) {
  const profile = JSON.parse(fs.readFileSync(profilePath, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0)),
  );
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fn = new Map();
  const mod = new Map();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id).callFrame;
    const source = sourceOf(frame);
    const name = `${source}:${frame.functionName || '(anonymous)'}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    mod.set(source, (mod.get(source) ?? 0) + us);
  }
  const inclusive = inclusiveTimes(profile, byId, selfUs);
  const rank = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, pct: (100 * us) / total, ms: us / 1000 }));
  return { totalMs: total / 1000, functions: rank(fn), modules: rank(mod), inclusive: rank(inclusive) };
}

/** Time with the function anywhere on the stack (counted once per sample), per function. */
function inclusiveTimes(profile, byId, selfUs) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      if (!frame.url || frame.url.startsWith('node:')) continue;
      const name = `${sourceOf(frame)}:${frame.functionName || '(anonymous)'}`;
      if (seen.has(name)) continue;
      seen.add(name);
      out.set(name, (out.get(name) ?? 0) + us);
    }
  }
  return out;
}

export function formatSummary(title, s) {
  const row = (r) => `  ${r.pct.toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(6)} ms  ${r.name}`;
  return [
    `${title} — ${s.totalMs.toFixed(0)} ms sampled`,
    ' self time by function:',
    ...s.functions.map(row),
    ' self time by module:',
    ...s.modules.map(row),
    ' total time (self and callees) by function:',
    ...s.inclusive.map(row),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/profile.mjs <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(formatSummary(file, summarise(file, Number(top ?? 15))));
}
