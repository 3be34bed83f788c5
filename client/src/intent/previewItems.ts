// The rows of a proposal's preview (pure): the intended change first, the connections an isolation
// keeps as ticked, then every other change (or "none"), the pods a wider selector also admits, then
// the choices: apply, switch to the narrower selector (or back), and show each file's diff.
import type { IntentProposal, PreviewGroup } from '../../../server/src/protocol/requests';
import type { CutGroup } from './cutGroups';

export type PreviewAction =
  { kind: 'info' } | { kind: 'apply' } | { kind: 'switch' } | { kind: 'diff'; uri: string };

export interface PreviewRow {
  label: string;
  description?: string;
  detail?: string;
  /** Starts a titled section (a separator above the row). */
  section?: string;
  action: PreviewAction;
}

const INFO: PreviewAction = { kind: 'info' };
const MAX_GROUPS = 30;

export interface PreviewChoice {
  shown: IntentProposal;
  /** An isolation: what it cuts is the change asked for (its proof names only the kept connections). */
  isolation?: boolean;
  /** An isolation's connections kept as ticked (the server checked each is allowed after the edit). */
  kept?: CutGroup[];
  /** The other proposal the user may switch to (the narrower one, or back to the first). */
  alternative?: { proposal: IntentProposal; narrower: boolean };
}

export function previewRows(
  { shown, alternative, isolation, kept }: PreviewChoice,
  fileName: (uri: string) => string,
): PreviewRow[] {
  const asked = (g: PreviewGroup): boolean => g.intended || (isolation === true && g.change === 'removed');
  const intended = shown.groups.filter(asked);
  const other = shown.groups.filter((g) => !asked(g));
  const rows: PreviewRow[] = [];
  section(rows, 'Intended change', intended.length ? intended.map(groupRow) : [noIntendedRow(shown)]);
  if (kept?.length) section(rows, 'Kept as ticked', kept.map(keptRow));
  section(rows, 'Every other change', other.length ? capped(other).map(groupRow) : [noOtherRow(shown)]);
  if (shown.widened.length)
    section(rows, 'Wider than asked', [
      {
        label: `$(warning) The labels chosen also select ${count(shown.widened.length, 'other pod')}`,
        detail: shown.widened.join(', '),
        action: INFO,
      },
    ]);
  const choices: PreviewRow[] = [
    {
      label: '$(check) Apply',
      description: `edits ${shown.files.map((f) => fileName(f.uri)).join(', ')} (undo with Undo)`,
      action: { kind: 'apply' },
    },
  ];
  if (alternative) choices.push(switchRow(alternative));
  for (const f of shown.files)
    choices.push({
      label: `$(diff) Show the changes of ${fileName(f.uri)}`,
      action: { kind: 'diff', uri: f.uri },
    });
  section(rows, 'Choose', choices);
  return rows;
}

function section(rows: PreviewRow[], title: string, items: PreviewRow[]): void {
  items.forEach((r, i) => rows.push(i === 0 ? { ...r, section: title } : r));
}

function capped(groups: readonly PreviewGroup[]): PreviewGroup[] {
  return groups.slice(0, MAX_GROUPS);
}

/**
 * One group of the diff: the change and its ports first, the pair on its own line (a quick pick is
 * narrow: on one line with the rest, the destination was cut off), the reason after the label.
 */
export function groupRow(g: PreviewGroup): PreviewRow {
  const ports = g.ports.map((p) => `${p.protocol} ${p.port}`).join(', ');
  return {
    label: `${g.change === 'added' ? '$(add) now allowed' : '$(remove) now denied'} on ${ports}: ${count(g.connections, 'connection')}`,
    description: g.reason,
    detail: `${g.fromLabel} → ${g.toLabel}`,
    action: INFO,
  };
}

/** A pair of workloads an isolation keeps, as ticked: still allowed once the edit is applied. */
function keptRow(g: CutGroup): PreviewRow {
  return {
    label: `$(pass) still allowed on ${g.ports}: ${count(g.connections.length, 'connection')}`,
    detail: g.label,
    action: INFO,
  };
}

/** An intent about addresses outside the pods changes no pod-to-pod connection the diff compares. */
function noIntendedRow(p: IntentProposal): PreviewRow {
  const c = p.intended[0];
  return {
    label: c
      ? `${count(p.intended.length, 'connection')} changed as asked`
      : 'No connection between pods changes',
    ...(c ? { description: `e.g. ${c.from} → ${c.to} on ${c.protocol} ${c.port}` } : {}),
    action: INFO,
  };
}

function noOtherRow(p: IntentProposal): PreviewRow {
  return {
    label: '$(pass) None: no other connection changes',
    description: `every pair of pods compared on ${count(p.ports.length, 'port')}`,
    action: INFO,
  };
}

function switchRow(alt: NonNullable<PreviewChoice['alternative']>): PreviewRow {
  const other = alt.proposal.other;
  return alt.narrower
    ? {
        label: '$(filter) Preview the narrower selector instead',
        description: other ? `${count(other, 'other change')}` : 'exactly what was asked',
        detail: alt.proposal.steps.join('; '),
        action: { kind: 'switch' },
      }
    : {
        label: "$(arrow-left) Back to the workload's selector",
        description: `${count(alt.proposal.widened.length, 'other pod')} also selected`,
        action: { kind: 'switch' },
      };
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
