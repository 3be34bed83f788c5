// Timing helpers for the benchmarks: whole-process wall time (median of several runs), statistics,
// and a description of the machine for RESULTS.md.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const usageModule = pathToFileURL(path.join(import.meta.dirname, 'usage.mjs')).href;
const usageFile = path.join(os.tmpdir(), `netpol-bench-usage-${process.pid}.jsonl`);

/**
 * Runs `node …argv` once: wall time in ms, CPU time in ms (user + system, from bench/usage.mjs),
 * peak RSS in MB, exit status, stdout and stderr.
 */
export function runNode(argv, options = {}) {
  fs.rmSync(usageFile, { force: true });
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', usageModule, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...(options.env ?? process.env), BENCH_USAGE_FILE: usageFile },
    cwd: options.cwd,
  });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  const usage = fs.existsSync(usageFile) ? JSON.parse(fs.readFileSync(usageFile, 'utf8').trim()) : {};
  return { ms, ...usage, status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Times several commands interleaved (a, b, a, b, …) so that drift in machine load hits them alike.
 * Returns, per command, the median wall and CPU times, every run, and the last run's result.
 */
export function timeInterleaved(commands, runs) {
  const results = commands.map(() => ({ times: [], cpu: [], last: undefined }));
  for (let i = 0; i < runs; i++) {
    commands.forEach((argv, k) => {
      const r = runNode(argv);
      results[k].times.push(r.ms);
      results[k].cpu.push(r.cpuMs);
      results[k].last = r;
    });
  }
  return results.map((r) => ({ ...r, median: median(r.times), cpuMedian: median(r.cpu) }));
}

export function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: os.availableParallelism(),
    cpu: model.trim(),
    ramGB: (os.totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    loadavg: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}

export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)) + ' ms';
