// Runs the built `netpol-lens` (server/out/cli.js) the way a user or a CI job does, without a TTY.
import { spawnSync } from 'node:child_process';
import { cliPath, repoRoot } from '../helpers/paths';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; maxBuffer?: number } = {},
): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env['FORCE_COLOR'];
  if (!options.env || !('NO_COLOR' in options.env)) delete env['NO_COLOR'];
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env,
    encoding: 'utf8',
    timeout: 30_000,
    ...(options.maxBuffer === undefined ? {} : { maxBuffer: options.maxBuffer }),
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs and parses standard output as JSON. */
export function runJson<T = unknown>(
  args: readonly string[],
  options?: { cwd?: string },
): CliRun & { json: T } {
  const r = runCli(args, options);
  return { ...r, json: JSON.parse(r.stdout) as T };
}

export interface FindingJson {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}
