// NetworkPolicy Lens: Isolate Namespace… (argument `{namespace, directions?}` from the code action on
// a workload, which leaves out a direction already isolated; else picked): which directions, then
// the connections the isolation would cut, to tick those that must keep working; the proposal keeps
// DNS. Tighten Policy… (argument `{policy}`, else picked among the policies with a rule open on every
// port): such rules get the ports their peers serve. Both are previewed before they are applied.
import * as vscode from 'vscode';
import type { Direction } from '../../../server/src/engine/types';
import type { IntentConnection, IntentResult, TopologyResult } from '../../../server/src/protocol/requests';
import { IntentRequestType } from '../../../server/src/protocol/requests';
import { cutGroups } from '../intent/cutGroups';
import { isUriString } from '../locations';
import { steps } from '../picks/quickPick';
import { proposeAndReview } from './connectionIntent';
import { reportingFailures } from './services';
import type { CommandFactory, Services } from './services';

const fileName = (file: string): string =>
  vscode.workspace.asRelativePath(
    isUriString(file) ? vscode.Uri.parse(file, true) : vscode.Uri.file(file),
    false,
  );

const textField = (arg: unknown, key: string): string | undefined => {
  const v = (arg as Record<string, unknown> | null | undefined)?.[key];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

async function namespaceOf(s: Services, arg: unknown): Promise<string | undefined> {
  const given = textField(arg, 'namespace');
  if (given) return given;
  const t = await s.ctx.topology();
  const namespaces = [...new Set(t.pods.map((p) => p.namespace))].sort();
  return steps('Isolate Namespace', 2)(1, 'Namespace', () =>
    namespaces.map((ns) => ({
      label: ns,
      description: `${t.pods.filter((p) => p.namespace === ns).length} pods`,
      value: ns,
    })),
  );
}

const DIRECTIONS: { label: string; value: Direction[] }[] = [
  { label: 'Ingress and egress', value: ['ingress', 'egress'] },
  { label: 'Ingress only', value: ['ingress'] },
  { label: 'Egress only (DNS kept)', value: ['egress'] },
];

/** The directions the code action passes (those not yet isolated); undefined when none or malformed. */
function directionsOf(arg: unknown): Direction[] | undefined {
  const v = (arg as Record<string, unknown> | null | undefined)?.['directions'];
  if (!Array.isArray(v) || !v.length) return undefined;
  const known = v.filter((d): d is Direction => d === 'ingress' || d === 'egress');
  return known.length === v.length ? [...new Set(known)] : undefined;
}

/** The connections the user ticks among those the isolation cuts; undefined when escaped. */
async function ticked(
  cut: readonly IntentConnection[],
  t: TopologyResult,
): Promise<IntentConnection[] | undefined> {
  type Item = vscode.QuickPickItem & { connections?: IntentConnection[] };
  const groups = cutGroups(cut, t);
  const row = (g: (typeof groups)[number]): Item => ({
    label: g.label,
    description: g.description,
    connections: g.connections,
  });
  const chosen = await vscode.window.showQuickPick(groups.map(row), {
    title: 'Isolate Namespace: connections to keep',
    placeHolder: `Tick what must keep working (${cut.length} connections would be cut), then Enter`,
    canPickMany: true,
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  return chosen?.flatMap((i) => i.connections ?? []);
}

export const isolateNamespace: CommandFactory = reportingFailures('Isolate Namespace', async (s, arg) => {
  const namespace = await namespaceOf(s, arg);
  if (!namespace) return false;
  const directions =
    directionsOf(arg) ??
    (await steps('Isolate Namespace', 2)(2, `Isolate ${namespace} for`, () => DIRECTIONS));
  if (!directions) return false;
  const first: IntentResult = await s.ctx.request(IntentRequestType, {
    intent: 'isolate',
    namespace,
    directions,
  });
  if (!first.ok) {
    void vscode.window.showWarningMessage(first.reason);
    return false;
  }
  const keep = first.cut?.length ? await ticked(first.cut, await s.ctx.topology()) : [];
  if (!keep) return false;
  if (!keep.length) return s.proposals.review(first);
  return proposeAndReview(s, { intent: 'isolate', namespace, directions, keep });
});

const NOTHING_TO_TIGHTEN =
  'No policy has a rule open on every port to pods that declare ports: there is nothing to tighten.';

export const tightenPolicy: CommandFactory = reportingFailures('Tighten Policy', async (s, arg) => {
  const policy = textField(arg, 'policy') ?? (await tightenable(s));
  return policy ? proposeAndReview(s, { intent: 'tighten', policy }) : false;
});

/** Picks among the policies Tighten can narrow (the server says which); undefined when none or escaped. */
async function tightenable(s: Services): Promise<string | undefined> {
  const open = (await s.ctx.topology()).policies
    .filter((p) => p.tightenable)
    .sort((a, b) => a.key.localeCompare(b.key));
  if (!open.length) {
    void vscode.window.showInformationMessage(NOTHING_TO_TIGHTEN);
    return undefined;
  }
  return steps('Tighten Policy', 1)(1, 'Policy with a rule open on every port', () =>
    open.map((p) => ({ label: p.key, description: fileName(p.file), value: p.key })),
  );
}
