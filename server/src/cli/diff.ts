// `netpol-lens diff`: the connections a change opens and closes, between two files or folders, or
// between the work tree and a git revision (--git). Exit 0 when it ran; 1 with --fail-on when a change
// of that kind exists; 2 for usage and I/O problems (git's included).
import { connectionsOf, diffReachability } from '../engine/diff';
import type { ChangeGroup, DiffOptions, ReachabilityDiff } from '../engine/diff';
import { analysedRevision, removeAbsent } from '../engine/diff/revisions';
import type { AnalysedRevision } from '../engine/diff/revisions';
import type { Protocol } from '../engine/types';
import { Workspace } from '../engine/workspace';
import type { EngineOptions } from '../engine/workspace';
import { fillWorkspace } from '../node/fillWorkspace';
import { CliError, EXIT_ERRORS_FOUND, EXIT_OK } from './errors';
import { diffMarkdown, diffText } from './formats/diff';
import { LazyList, writeJson } from './formats/json';
import { plural } from './formats/style';
import { gitSides, pathSide } from './diffSides';
import type { Side } from './diffSides';
import { fillOptions } from './load';
import { engineOptions } from './options';
import type { TopologyFlags } from './options';
import type { Output } from './output';
import { TOOL } from './tool';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
export const FAIL_ON = ['added', 'removed', 'any'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface DiffFlags extends TopologyFlags {
  git?: string;
  port?: number;
  protocol?: Protocol;
  format: DiffFormat;
  failOn?: FailOn;
  maxGroups: number;
}

export async function runDiff(args: readonly string[], flags: DiffFlags, out: Output): Promise<number> {
  const { base, head } = await sidesOf(args, flags);
  const revisions = await analyseSides(base, head, engineOptions(flags));
  const options: DiffOptions = {};
  if (flags.port !== undefined) options.port = flags.port;
  if (flags.protocol !== undefined) options.protocol = flags.protocol;
  const diff = diffReachability(revisions.base.topology, revisions.head.topology, options);
  const notes = [
    ...leftOut('base', base, revisions.base.filesWithErrors),
    ...leftOut('head', head, revisions.head.filesWithErrors),
  ];
  for (const n of notes) out.error(`${TOOL.name}: note: ${n}`);
  const view = { diff, base: base.label, head: head.label, maxGroups: flags.maxGroups, notes };
  if (flags.format === 'json') writeJson(diffJson(diff, notes), (t) => out.write(t));
  else if (flags.format === 'markdown') out.write(diffMarkdown(view));
  else out.write(diffText(view, out.color));
  return fails(diff, flags.failOn) ? EXIT_ERRORS_FOUND : EXIT_OK;
}

/**
 * analyseRevisions (engine/diff/revisions.ts) with the files of each side summarised in worker
 * threads where that pays: the base, then the head as edits of it (unchanged files are not read again).
 */
async function analyseSides(
  base: Side,
  head: Side,
  options: EngineOptions,
): Promise<{ base: AnalysedRevision; head: AnalysedRevision }> {
  const workspace = new Workspace(options);
  await fillWorkspace(workspace, base.files, fillOptions());
  const before = analysedRevision(workspace);
  removeAbsent(workspace, head.files);
  await fillWorkspace(workspace, head.files, fillOptions());
  return { base: before, head: analysedRevision(workspace) };
}

async function sidesOf(args: readonly string[], flags: DiffFlags): Promise<{ base: Side; head: Side }> {
  if (flags.git !== undefined) return gitSides(flags.git, args.length ? args : ['.'], flags.maxFileSize);
  if (args.length !== 2)
    throw new CliError(
      `diff takes two paths, <base> and <head> (got ${args.length}); or --git <rev> [paths…] to compare with a revision`,
    );
  const [base, head] = await Promise.all(args.map((a) => pathSide(a, flags.maxFileSize)));
  return { base: base!, head: head! };
}

function fails(d: ReachabilityDiff, failOn: FailOn | undefined): boolean {
  if (failOn === 'added') return d.added > 0;
  if (failOn === 'removed') return d.removed > 0;
  return failOn === 'any' && d.added + d.removed > 0;
}

/** `base: 2 files have errors, objects with errors are left out: a.yaml, b.yaml`. */
function leftOut(which: string, side: Side, withErrors: readonly string[]): string[] {
  const named = (keys: readonly string[]) => {
    const shown = keys.slice(0, 5).join(', ');
    return keys.length > 5 ? `${shown} and ${keys.length - 5} more` : shown;
  };
  const notes: string[] = [];
  if (withErrors.length) {
    const files = withErrors.map((k) => side.display.get(k) ?? k);
    const have = withErrors.length === 1 ? 'has' : 'have';
    notes.push(
      `${which}: ${files.length === 1 ? files[0] : plural(files.length, 'file')} ${have} errors; ` +
        `objects with errors are left out${files.length > 1 ? `: ${named(files)}` : ''}`,
    );
  }
  if (side.tooLarge.length) notes.push(`${which}: not read (too large): ${named(side.tooLarge)}`);
  return notes;
}

/** The contract's object; the connection lists are written as they are produced. */
function diffJson(d: ReachabilityDiff, notes: readonly string[]): object {
  const items = (change: string) =>
    new LazyList(function* () {
      for (const g of d.groups)
        if (g.change === change)
          for (const c of connectionsOf(g)) yield { ...c, reason: g.reason, causes: g.causes };
    });
  return {
    added: items('added'),
    removed: items('removed'),
    unchanged: d.unchanged,
    pods: d.pods,
    groups: d.groups.map(groupJson),
    ports: d.ports,
    notes,
  };
}

function groupJson(g: ChangeGroup): object {
  const { change, fromLabel, toLabel, from, to, ports, connections, reason, causes } = g;
  return { change, fromLabel, toLabel, from, to, ports, connections, reason, causes };
}
