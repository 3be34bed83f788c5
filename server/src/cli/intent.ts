// `netpol-lens allow|deny`: the smallest edit of the files that allows or denies one connection,
// printed as a unified diff (or written with --write), with its proof: the connections that change
// as asked and every other change. Exit 0 with a proposal, 2 when the intent is impossible (one line).
import { applyEdits } from '../engine/edits';
import { connectionText, intentFor, proposeConnection } from '../engine/intent';
import type { Connection, Proposal } from '../engine/intent';
import type { Protocol } from '../engine/types';
import { writeTexts } from '../node/writeText';
import { CliError, EXIT_OK, EXIT_USAGE } from './errors';
import { plural, printable, style } from './formats/style';
import { unifiedDiff } from './formats/unifiedDiff';
import type { LoadedWorkspace } from './load';
import type { Output } from './output';
import { TOOL } from './tool';

export interface IntentFlags {
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
  write?: boolean;
  narrow?: boolean;
}

export async function runIntent(
  action: 'allow' | 'deny',
  loaded: LoadedWorkspace,
  flags: IntentFlags,
  out: Output,
): Promise<number> {
  const ws = loaded.workspace;
  const asked = { action, from: flags.from, to: flags.to };
  const intent = intentFor(ws, {
    ...asked,
    ...(flags.port === undefined ? {} : { port: flags.port }),
    ...(flags.protocol === undefined ? {} : { protocol: flags.protocol }),
  });
  if (typeof intent === 'string') throw new CliError(intent);
  const result = proposeConnection(ws, intent);
  const notes = result.ok ? result.proposal.notes : (result.notes ?? []);
  for (const note of notes) out.error(`${TOOL.name}: note: ${printable(note)}`);
  if (!result.ok) {
    out.error(`${TOOL.name}: ${printable(result.reason)}`);
    return EXIT_USAGE;
  }
  const proposal = flags.narrow && result.proposal.narrower ? result.proposal.narrower : result.proposal;
  if (flags.narrow && !result.proposal.narrower)
    out.error(
      `${TOOL.name}: note: --narrow: ${result.proposal.widened.length ? 'no labels select fewer pods than those chosen' : 'the labels chosen select only the pods asked for'}`,
    );
  const edited = proposal.files.map((f) => ({
    path: f.file,
    text: applyEdits(ws.summary(f.file)!.text, f.edits),
  }));
  if (flags.write) {
    const [problem] = await writeTexts(edited);
    if (problem) throw new CliError(`cannot write ${problem.message}`);
    out.write(`wrote ${edited.map((f) => f.path).join(', ')}\n`);
  } else for (const f of edited) out.write(unifiedDiff(f.path, ws.summary(f.path)!.text, f.text));
  // The ports read one by one: those some pod declares, and the one asked for.
  const declared = new Set(
    ws.topology().pods.flatMap((p) => p.ports.map((c) => `${c.protocol} ${c.containerPort}`)),
  );
  if (intent.port !== undefined) declared.add(`${intent.protocol ?? 'TCP'} ${intent.port}`);
  out.write(summary(proposal, result.proposal, out.color, declared));
  return EXIT_OK;
}

/**
 * The ports compared: those some pod declares (and the one asked for) one by one, the others (an
 * intent on every port is also compared on a port of each span the policies' port ranges tell
 * apart) by their number.
 */
function portsText(ports: readonly string[], declared: ReadonlySet<string>): string {
  const named = ports.filter((p) => declared.has(p));
  const more = ports.length - named.length;
  if (!more) return named.join(', ');
  const spans = `${plural(more, 'other port')} (one in each span of the policies' port ranges)`;
  return named.length ? `${named.join(', ')} and ${spans}` : spans;
}

/** The proposal in words, then its proof. */
function summary(p: Proposal, first: Proposal, color: boolean, declared: ReadonlySet<string>): string {
  const s = style(color);
  const lines = ['', s.bold(printable(p.title)), ...p.steps.map((step) => `  - ${printable(step)}`), ''];
  const { intended, other, checked } = p.proof;
  // Pods are named ns/name; the other ends are addresses outside the pods.
  const ends = [...new Set(intended.flatMap((c) => [c.from, c.to]))];
  const pods = ends.filter((e) => e.includes('/')).length;
  const addresses = ends.filter((e) => !e.includes('/'));
  lines.push(
    s.good(
      `Intended: ${plural(intended.length, 'connection')} between ${plural(pods, 'pod')}${addresses.length ? ` and ${addresses.join(', ')}` : ''} ${p.title.startsWith('Allow') ? 'now allowed' : 'now denied'}${sample(intended)}.`,
    ),
  );
  const changes = other.added.length + other.removed.length;
  const ports = portsText(
    checked.map((c) => `${c.protocol} ${c.port}`),
    declared,
  );
  if (!changes) lines.push(`Other changes: none (every pair of pods compared on ${ports}).`);
  else {
    lines.push(
      s.bad(
        `Other changes: ${other.added.length} opened, ${other.removed.length} closed (compared on ${ports}):`,
      ),
    );
    for (const c of [
      ...other.added.map((c) => ['+', c] as const),
      ...other.removed.map((c) => ['-', c] as const),
    ].slice(0, 10))
      lines.push(`  ${c[0]} ${printable(connectionText(c[1]))}`);
    if (changes > 10) lines.push(`  … and ${changes - 10} more`);
    lines.push(printable(`The labels chosen also select ${p.widened.join(', ')}.`));
  }
  if (p === first && first.narrower)
    lines.push(`A narrower selector admits fewer pods: run again with --narrow.`);
  return lines.join('\n') + '\n';
}

function sample(connections: readonly Connection[]): string {
  const c = connections[0];
  return c ? ` (e.g. ${printable(connectionText(c))})` : '';
}
