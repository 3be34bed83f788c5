// The test side of test/fixtures/hostile/guard.cjs: the environment that preloads it into a child
// process (the CLI, the language server), and the parsed record of what the child attempted.
import fs from 'node:fs';
import { fixture } from './paths';

export const guardModule = fixture('hostile', 'guard.cjs');

export interface GuardRecord {
  /** Network attempts (`net.connect example.com`); all of them threw in the child. */
  network: string[];
  /** Absolute paths the child opened, read or listed (with `trackReads`). */
  reads: string[];
  /** Peak resident set size in MB, recorded at exit (undefined if the child was killed). */
  peakRssMB: number | undefined;
}

export function guardEnv(logFile: string, options: { trackReads?: boolean } = {}): Record<string, string> {
  const inherited = process.env['NODE_OPTIONS'] ?? '';
  return {
    NODE_OPTIONS: `${inherited} --require ${JSON.stringify(guardModule)}`.trim(),
    NETPOL_GUARD_LOG: logFile,
    NETPOL_GUARD_FS: options.trackReads ? '1' : '0',
  };
}

export function readGuard(logFile: string): GuardRecord {
  const lines = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n') : [];
  const rss = lines.filter((l) => l.startsWith('rss ')).map((l) => Number(l.slice(4)) / 1024);
  return {
    network: lines.filter((l) => l.startsWith('net ')).map((l) => l.slice(4)),
    reads: lines.filter((l) => l.startsWith('read ')).map((l) => l.slice(l.indexOf(' ', 5) + 1)),
    peakRssMB: rss.length ? Math.max(...rss) : undefined,
  };
}

/** A stack trace line as Node prints them: `    at fn (file.js:12:34)` or `    at file.js:12:34`. */
export const STACK_TRACE = /^\s+at .*:\d+:\d+\)?$/m;
