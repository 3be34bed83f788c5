// Timing helpers for the benchmarks: whole-process wall time (median of several runs), statistics,
// and a description of the machine for RESULTS.md.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs `node …argv` once, returning wall time in ms, exit status, stdout and stderr. */
export function runNode(argv, options = {}) {
  const start = performance.now();
  const r = spawnSync(process.execPath, argv, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  return { ms, status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Times several commands interleaved (a, b, a, b, …) so that drift in machine load hits them alike.
 * Returns, per command, the median wall time, every run, and the last run's result.
 */
export function timeInterleaved(commands, runs) {
  const results = commands.map(() => ({ times: [], last: undefined }));
  for (let i = 0; i < runs; i++) {
    commands.forEach((argv, k) => {
      const r = runNode(argv);
      results[k].times.push(r.ms);
      results[k].last = r;
    });
  }
  return results.map((r) => ({ ...r, median: median(r.times) }));
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
