// `npm run bench` (after the build): generates the benchmark workspaces, times the CLI and the
// language servers against a yaml-parse baseline measured in the same run, prints a table and
// writes bench/RESULTS.md.
// Flags: --quick (10× smaller workspaces, nothing recorded), --profile (CPU profiles of the measured
// processes, summarised into the output), --only
// check,checkfindings,matrix,matrix5k,diff,diffworst,lsp,lspcold,hover,yamlls,svccheck,svctrace,svchover.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import {
  benchCheck,
  benchMatrix,
  benchMatrixLarge,
  checkArgs,
  matrixCliArgs,
  profileCli,
} from './cli-bench.mjs';
import { benchDiff, benchDiffWorst, diffCliArgs, worstDiffArgs } from './diff-bench.mjs';
import {
  benchHover,
  benchOursColdStart,
  benchServiceHover,
  benchOursOpenEdit,
  benchYamlLs,
  ourDebounceMs,
  profileColdStart,
  profileOurs,
  YAML_LS_DELAY_MS,
} from './lsp-bench.mjs';
import { fmtMs, machine, median, runNode } from './measure.mjs';
import { formatSummary, summarise } from './profile.mjs';
import { prepare, quickSpecs, SPECS, workDir } from './workspaces.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const profile = argv.includes('--profile');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set(argv[onlyAt + 1].split(',')) : undefined;
const wanted = (name) => !only || only.has(name);
const specs = quick ? quickSpecs() : SPECS;
const runs = quick ? 3 : 5;
/** Quick runs get folders of their own, so they never overwrite the full-size workspaces. */
const wsName = (name) => (quick ? `${name}-quick` : name);

async function bundleBaseline() {
  const outfile = path.join(workDir, 'parse-baseline.cjs');
  await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'parse-baseline.mjs')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** One process parsing `files`: its first (cold) parse and ten more (warm), in-process times. */
function parseRun(baseline, files) {
  return JSON.parse(runNode([baseline, '--repeat', '10', ...files]).stdout);
}

/**
 * Each measurement against the baseline measured just before it (same round, so the VM's drift
 * cancels): the median of those ratios, and the text listing them.
 */
function pairedRatios(values, baselines) {
  const ratios = values.map((v, i) => v / baselines[i]);
  const m = median(ratios);
  return { median: m, text: `median of the rounds' ${ratios.map((r) => `${r.toFixed(2)}×`).join('/')}` };
}

/** In-process parse times over runs: the median first (cold) parse and the median of the warm ones. */
function parseTimesOf(runs) {
  const colds = runs.map((r) => r.cold);
  return { cold: median(colds), warm: median(runs.flatMap((r) => r.warm)), colds };
}

/** Peak memory of the worst-case diff: the groups' size, far below the 1.1 GB that held every pair's causes. */
const DIFF_WORST_LIMIT_MB = 700;

const rows = [];
const notes = [];
const profiles = [];

async function attempt(label, fn) {
  try {
    await fn();
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    rows.push({ name: label, error: reason });
  }
}

/** A row's ratio: its own (the median of paired ratios) when it has one, else measured ÷ baseline. */
function ratioOf(row) {
  return row.ratio ?? row.value / row.baseline;
}

function verdict(row) {
  if (row.error) return 'ERROR';
  if (row.ratioLimit !== undefined) return ratioOf(row) <= row.ratioLimit ? 'ok' : 'MISSED';
  if (row.absLimit !== undefined) return row.value <= row.absLimit ? 'ok' : 'MISSED';
  return '—';
}

function cells(row) {
  const unit = (v) => (row.unit === 'MB' ? `${v.toFixed(0)} MB` : fmtMs(v));
  if (row.error) return [row.name, '—', '—', '—', '—', 'ERROR', row.error];
  const ratio = row.baseline ? `${ratioOf(row).toFixed(2)}×` : '—';
  const target =
    row.ratioLimit !== undefined
      ? `≤ ${row.ratioLimit}×`
      : row.absLimit !== undefined
        ? `≤ ${unit(row.absLimit)}`
        : '—';
  const base = row.baseline ? fmtMs(row.baseline) : '—';
  return [row.name, unit(row.value), base, ratio, target, verdict(row), row.notes ?? ''];
}

function table() {
  const head = ['Benchmark', 'Measured', 'Baseline (parse)', 'Ratio', 'Target', 'Result', 'Notes'];
  const body = rows.map(cells);
  const cell = (c) => String(c).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [head, head.map(() => '---'), ...body].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

async function cliBenches(baseline) {
  if (wanted('check'))
    await attempt('check', async () => {
      const ws = prepare(wsName('check2k'), specs.check2k);
      const r = benchCheck(ws, baseline, runs);
      rows.push({ name: r.name, value: r.measured, baseline: r.baseline, ratioLimit: 1.2, notes: r.notes });
      if (profile) profiles.push(['check', profileCli(checkArgs(ws), profDir(), 'check')]);
    });
  if (wanted('checkfindings'))
    await attempt('check with findings', async () => {
      const ws = prepare(wsName('findings2k'), specs.findings2k);
      const r = benchCheck(ws, baseline, runs, true);
      const name = 'check: 2,000 policies with findings + 2,000 pods (process)';
      rows.push({ name, value: r.measured, baseline: r.baseline, ratioLimit: 1.2, notes: r.notes });
      if (profile)
        profiles.push(['check with findings', profileCli(checkArgs(ws), profDir(), 'checkfindings')]);
    });
  if (wanted('matrix'))
    await attempt('matrix 1k', async () => {
      const ws = prepare(wsName('matrix1k'), specs.matrix1k);
      const r = benchMatrix(ws, baseline, runs);
      rows.push({ name: r.name, value: r.measured, baseline: r.baseline, ratioLimit: 5, notes: r.notes });
      if (profile) profiles.push(['matrix 1k', profileCli(matrixCliArgs(ws), profDir(), 'matrix1k')]);
    });
  if (wanted('diff'))
    await attempt('diff', async () => {
      const ws = prepare(wsName('check2k'), specs.check2k);
      const r = benchDiff(ws, baseline, runs);
      rows.push({ name: r.name, value: r.measured, baseline: r.baseline, ratioLimit: 2.5, notes: r.notes });
      if (profile) profiles.push(['diff', profileCli(diffCliArgs(ws), profDir(), 'diff')]);
    });
  if (wanted('diffworst'))
    await attempt('diff worst case', async () => {
      const ws = prepare(wsName('check2k'), specs.check2k);
      rows.push(benchDiffWorst(ws, DIFF_WORST_LIMIT_MB));
      if (profile) profiles.push(['diff worst', profileCli(worstDiffArgs(ws), profDir(), 'diffworst')]);
    });
  if (wanted('matrix5k'))
    await attempt('matrix 5k', async () => {
      const ws = prepare(wsName('matrix5k'), specs.matrix5k);
      const r = benchMatrixLarge(ws, baseline);
      rows.push({ name: r.name, value: r.measured, baseline: r.baseline, ratioLimit: 2, notes: r.notes });
      rows.push({
        name: 'matrix: 5,000 pods × 1,000 policies, peak RSS (JSON streamed to a pipe)',
        value: r.rssMB,
        unit: 'MB',
        absLimit: 200,
        notes: 'VmHWM of the matrix process; stdout is read by the benchmark as the command writes',
      });
      if (profile) profiles.push(['matrix 5k', profileCli(matrixCliArgs(ws), profDir(), 'matrix5k')]);
    });
}

/**
 * Fresh servers per round, each round starting with a baseline parse process, then ours and theirs,
 * so that load drift (this VM's speed moves by a quarter within a minute) hits the figures and their
 * baseline alike; nine of them, as one second on it varies by ±15 % from one run to the next.
 */
const LSP_ROUNDS = quick ? 1 : 9;

async function lspRounds(ws, withYamlLs, parseFile) {
  const ours = [];
  const theirs = [];
  const parses = [];
  for (let i = 0; i < LSP_ROUNDS; i++) {
    parses.push(parseFile());
    if (wanted('lsp')) ours.push(await benchOursOpenEdit(ws));
    if (withYamlLs && wanted('yamlls')) theirs.push(await benchYamlLs(ws));
  }
  return { ours, theirs, parse: parseTimesOf(parses) };
}

/** `label`: which workspace (empty for the clean one, whose row names are kept across runs). */
function oursRows(ours, parse, label) {
  const open = median(ours.map((o) => o.open.ms));
  const edits = ours.flatMap((o) => o.edits.times);
  const edit = median(edits);
  const immediate = median(ours.flatMap((o) => o.edits.immediate));
  const debounce = ourDebounceMs();
  const { diagnostics, bytes } = ours[0].open;
  const perDiagnostic = diagnostics.length
    ? `, ${(bytes / diagnostics.length).toFixed(0)} bytes per diagnostic`
    : '';
  const paired = pairedRatios(
    ours.map((o) => o.open.ms),
    parse.colds,
  );
  rows.push({
    name: `LSP didOpen → diagnostics, 2,000 policies${label}`,
    value: open,
    baseline: parse.cold,
    ratio: paired.median,
    ratioLimit: 1.2,
    notes:
      `median of ${ours.length} fresh servers (${ours.map((o) => o.open.ms.toFixed(0)).join('/')} ms); ` +
      `ratio: ${paired.text}; ` +
      `${diagnostics.length} diagnostics, message ${(bytes / 1024).toFixed(0)} KB${perDiagnostic}; ` +
      `2,000 pods indexed in ${fmtMs(median(ours.map((o) => o.indexMs)))}`,
  });
  rows.push({
    name: `LSP one-character edit → diagnostics${label}`,
    value: edit,
    baseline: parse.warm,
    ratioLimit: 1.5,
    notes:
      `median of ${edits.length} edits; includes the server's debounce (twice the document's last ` +
      `validation time, at most ${debounce} ms); without it (a request sent right after the edit is ` +
      `answered once the edit is validated and published): ${fmtMs(immediate)} = ` +
      `${(immediate / parse.warm).toFixed(2)}× warm parse; ${ours[0].edits.incremental ? 'incremental' : 'full'} sync`,
  });
  return open;
}

function theirsRows(theirs, parse, oursOpen) {
  const open = median(theirs.map((t) => t.open.ms));
  const net = open - YAML_LS_DELAY_MS;
  rows.push({
    name: 'yaml-language-server 1.25 didOpen → diagnostics',
    value: open,
    baseline: parse.cold,
    notes:
      `median of ${theirs.length} (${theirs.map((t) => t.open.ms.toFixed(0)).join('/')} ms); schema ` +
      `bench/schemas/networkpolicy.json; ${theirs[0].open.diagnostics.length} diagnostics; without its fixed ` +
      `${YAML_LS_DELAY_MS} ms validation delay: ${fmtMs(net)} = ${(net / parse.cold).toFixed(2)}× parse`,
  });
  if (oursOpen !== undefined)
    rows.push({
      name: 'ours ÷ yaml-language-server (didOpen → diagnostics)',
      value: oursOpen,
      baseline: open,
      ratioLimit: 1,
      notes: `baseline column = yaml-language-server; vs its time without the delay: ${(oursOpen / net).toFixed(2)}×`,
    });
}

/** The clean workspace, and one whose policies produce thousands of findings. */
const LSP_WORKSPACES = [
  ['check2k', ''],
  ['findings2k', ' with findings'],
];

async function lspBenches(baseline) {
  for (const [spec, label] of LSP_WORKSPACES) {
    const ws = prepare(wsName(spec), specs[spec]);
    const policiesFile = path.join(ws.dir, ws.policies.name);
    await attempt(`language servers${label}`, async () => {
      const { ours, theirs, parse } = await lspRounds(ws, label === '', () =>
        parseRun(baseline, [policiesFile]),
      );
      notes.push(
        `Parse of the 2,000-policy document${label} alone (${(Buffer.byteLength(ws.policies.text) / 1e6).toFixed(2)} MB), ` +
          `in process: cold ${fmtMs(parse.cold)}, warm ${fmtMs(parse.warm)} (medians of ${parse.colds.length} processes, one before each round of servers).`,
      );
      const oursOpen = ours.length ? oursRows(ours, parse, label) : undefined;
      if (theirs.length) theirsRows(theirs, parse, oursOpen);
      if (profile && ours.length)
        for (const [i, file] of (await profileOurs(ws, profDir())).entries())
          profiles.push([`lsp open+edits${label}, thread ${i + 1}`, file]);
    });
    if (wanted('lspcold')) await attempt(`LSP cold start${label}`, () => coldStartRow(baseline, ws, label));
  }
}

/** Cold start on the workspace on disk, against a process that only parses all its files (both from spawn). */
async function coldStartRow(baseline, ws, label) {
  const parses = [];
  const runs = [];
  for (let i = 0; i < LSP_ROUNDS; i++) {
    parses.push(runNode([baseline, ...ws.files]).ms);
    runs.push(await benchOursColdStart(ws));
  }
  const parse = { cold: median(parses) };
  const paired = pairedRatios(
    runs.map((r) => r.ms),
    parses,
  );
  if (profile)
    for (const [i, file] of (await profileColdStart(ws, profDir())).entries())
      profiles.push([`lsp cold start${label}, thread ${i + 1}`, file]);
  rows.push({
    name: `LSP cold start → complete diagnostics, 2,000 policies + 2,000 pods on disk${label}`,
    value: median(runs.map((r) => r.ms)),
    baseline: parse.cold,
    ratio: paired.median,
    ratioLimit: 1.3,
    notes:
      `spawn to the last publication; median of ${runs.length} (${runs.map((r) => r.ms.toFixed(0)).join('/')} ms); ` +
      `ratio: ${paired.text}; ` +
      `${runs[0].publications} publications for ${runs[0].files} files, ${runs[0].diagnostics} diagnostics ` +
      `in the policies file; baseline: a process parsing its ${ws.files.length} files (spawn to exit, median of ${parses.length}, one before each server); RSS ${runs[0].rssMB.toFixed(0)} MB`,
  });
}

async function hoverBench(baseline) {
  if (!wanted('hover')) return;
  await attempt('hover 50k', async () => {
    const ws = prepare(wsName('pods50k'), specs.pods50k);
    const parse = median([0, 1, 2].map(() => runNode([baseline, ...ws.files]).ms));
    const h = await benchHover(ws);
    rows.push({
      name: `LSP index of ${ws.pods.toLocaleString('en')} pods (server start → indexing done)`,
      value: h.indexMs,
      baseline: parse,
      ratioLimit: 1.3,
      notes: `baseline: a process parsing the workspace's ${ws.files.length} files (${(ws.bytes / 1e6).toFixed(1)} MB), median of 3`,
    });
    rows.push({
      name: `LSP hover on a podSelector, ${ws.pods.toLocaleString('en')} pods`,
      value: h.median,
      absLimit: 2,
      notes: `first hover ${fmtMs(h.first)}; indexed in ${fmtMs(h.indexMs)}; "${h.sample}"`,
    });
    rows.push({
      name: `LSP server RSS, ${ws.pods.toLocaleString('en')} pods indexed`,
      value: Math.max(h.rssIndexed, h.rssAfter),
      unit: 'MB',
      absLimit: 250,
      notes: `after indexing ${h.rssIndexed.toFixed(0)} MB, after hovers ${h.rssAfter.toFixed(0)} MB (VmRSS)`,
    });
  });
}

/** Services: check with 1,000 Services, a trace through a Service and a hover on one at 50,000 pods. */
async function serviceBenches(baseline) {
  if (wanted('svccheck'))
    await attempt('check + Services', async () => {
      const ws = prepare(wsName('check2kSvc'), specs.check2kSvc);
      const r = benchCheck(ws, baseline, runs);
      const name = 'check: 2,000 policies + 2,000 pods + 1,000 Services (process)';
      rows.push({ name, value: r.measured, baseline: r.baseline, ratioLimit: 2, notes: r.notes });
    });
  if (wanted('svctrace'))
    await attempt('Service trace 50k', async () => {
      const ws = prepare(wsName('pods50kSvc'), specs.pods50kSvc);
      const r = runNode([
        path.join(import.meta.dirname, '..', 'out', 'bench', 'serviceTrace.js'),
        ws.dir,
        '21',
      ]);
      if (r.status !== 0)
        throw new Error(`serviceTrace exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
      const t = JSON.parse(r.stdout);
      rows.push({
        name: `trace to a Service by name (DNS, DNAT, overlay), ${t.pods.toLocaleString('en')} pods`,
        value: t.median,
        absLimit: 50,
        notes: `in process, median of 20 traces to different Services after the first (${fmtMs(t.first)}, which builds the dataplane); workspace loaded in ${fmtMs(t.loadMs)}; ${t.services} Services; "${t.sample}"`,
      });
    });
  if (wanted('svchover'))
    await attempt('Service hover 50k', async () => {
      const ws = prepare(wsName('pods50kSvc'), specs.pods50kSvc);
      const h = await benchServiceHover(ws);
      rows.push({
        name: `LSP hover on a Service, ${ws.pods.toLocaleString('en')} pods`,
        value: h.median,
        absLimit: 5,
        notes: `median of 20 Services after the first (${fmtMs(h.first)}, which builds the equivalence classes); indexed in ${fmtMs(h.indexMs)}; "${h.sample}"`,
      });
    });
}

function profDir() {
  const dir = path.join(workDir, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function results(m) {
  const profileText = profiles.map(([title, file]) => formatSummary(title, summarise(file, 12))).join('\n\n');
  return [
    '# Benchmark results',
    '',
    `Last run: ${m.date} — ${m.nproc} CPUs (${m.cpu}), ${m.ramGB} GB RAM, Node ${m.node}, ${m.os}; load average at start ${m.loadavg}.`,
    '',
    'Produced by `npm run bench` (bench/run.mjs). Ratios are against a baseline measured in the same run: a bundled',
    'node process that only runs `yaml`’s `parseAllDocuments` over the same files (bench/parse-baseline.mjs) for',
    'process benchmarks; the in-process parse time of the same document (cold: first parse in a fresh process; warm:',
    'median of ten further parses) for the language-server figures. Process times are medians of interleaved runs.',
    '',
    table(),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    ...(profileText ? ['## Profiles', '', '```', profileText, '```', ''] : []),
  ].join('\n');
}

/** Everything from this marker on in RESULTS.md is written by hand (analysis) and kept across runs. */
const ANALYSIS_MARKER = '<!-- analysis: kept across runs -->';

function writeResults(text) {
  const file = path.join(import.meta.dirname, 'RESULTS.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const at = previous.indexOf(ANALYSIS_MARKER);
  fs.writeFileSync(file, at >= 0 ? `${text}\n${previous.slice(at)}` : text);
}

async function main() {
  fs.mkdirSync(workDir, { recursive: true });
  const m = machine();
  const baseline = await bundleBaseline();
  await cliBenches(baseline);
  if (wanted('lsp') || wanted('lspcold') || wanted('yamlls')) await lspBenches(baseline);
  await hoverBench(baseline);
  await serviceBenches(baseline);
  const text = results(m);
  console.log(text);
  if (!quick && !only) writeResults(text);
  if (!quick && only) console.log('(--only: bench/RESULTS.md not updated)');
}

await main();
