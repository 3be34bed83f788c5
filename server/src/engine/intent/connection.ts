// Allow or deny one connection: the edit (allow.ts, deny.ts), proved by analysing the workspace again
// (proof.ts). A proposal is returned only when the proof holds: the intended connections end as
// asked, the edited files gain no error, and for a deny nothing else changes; an allow whose
// selectors admit other pods says which, and offers the narrower selectors when there are some.
import { evaluateConnection } from '../reachability';
import type { Workspace } from '../workspace';
import { allowEdits, blockedSides } from './allow';
import { denyEdits } from './deny';
import type { LabelChoice } from './peers';
import { hasNarrower } from './peers';
import { intentNotes } from './notes';
import { EditPlan } from './plan';
import { connectionsOf, intentPorts, proveConnection } from './proof';
import type { Named } from './proof';
import type { Connection, ConnectionIntent, IntentResult, Proof, Proposal } from './types';

export function proposeConnection(workspace: Workspace, asked: ConnectionIntent): IntentResult {
  const intent = normalised(asked);
  const result = attempt(workspace, intent);
  // Without enforcement no edit matters, so neither do notes about what an edit would cover.
  if (result.ok || !workspace.topology().dataplane.enforcement) return result;
  const notes = intentNotes(workspace.topology(), intent);
  return notes.length ? { ...result, notes } : result;
}

function attempt(workspace: Workspace, intent: ConnectionIntent): IntentResult {
  const t = workspace.topology();
  const allow = intent.action === 'allow';
  if (!t.dataplane.enforcement)
    return fail(
      allow
        ? 'policy enforcement is off (plain flannel never blocks): the connection is already allowed'
        : 'policy enforcement is off (plain flannel never blocks): no policy can deny it',
    );
  if (intent.from.kind === 'address' && intent.to.kind === 'address') {
    const why = 'neither end is a pod, and NetworkPolicy applies only to pods';
    return fail(
      allow
        ? `${describe(intent)} is already allowed: ${why}`
        : `no policy can deny ${describe(intent)}: ${why}`,
    );
  }
  const named = connectionsOf(intent)(t, intentPorts(t, intent));
  // Only a pod to itself has no connection to check (every port is probed).
  if (!named.length)
    return fail('a pod may always reach itself: NetworkPolicy does not apply to that traffic');
  const pending = named.filter(
    (n) =>
      evaluateConnection(t, n.before.from, n.before.to, n.connection.port, n.connection.protocol).allowed !==
      allow,
  );
  if (!pending.length) return fail(`${describe(intent)} is already ${allow ? 'allowed' : 'denied'}`);
  return allow ? proposeAllow(workspace, intent, pending) : proposeDeny(workspace, intent, pending);
}

function proposeAllow(
  workspace: Workspace,
  intent: ConnectionIntent,
  pending: readonly Named[],
): IntentResult {
  const first = allowWith(workspace, intent, pending, 'workload');
  if (!first.ok || !first.proposal.widened.length || !(hasNarrower(intent.from) || hasNarrower(intent.to)))
    return first;
  const narrower = allowWith(workspace, intent, pending, 'narrowest');
  if (narrower.ok && narrower.proposal.widened.length < first.proposal.widened.length)
    first.proposal.narrower = narrower.proposal;
  return first;
}

function allowWith(
  workspace: Workspace,
  intent: ConnectionIntent,
  pending: readonly Named[],
  choice: LabelChoice,
): IntentResult {
  const plan = new EditPlan(workspace);
  const reason = allowEdits(plan, intent, choice, blockedSides(plan, pending));
  if (reason) return fail(reason);
  const proposal = proposalOf(workspace, intent, plan);
  const broken = brokenProof(proposal.proof);
  if (broken) return fail(broken);
  const stray = unexplained(proposal);
  if (stray) return fail(`no edit found that allows it without changing ${connectionText(stray)}`);
  return { ok: true, proposal };
}

/**
 * Both sides are tried; of the exact proposals, the one adding fewest policies wins, the destination's
 * side on a tie (the workload's labels before the narrowest).
 */
function proposeDeny(
  workspace: Workspace,
  intent: ConnectionIntent,
  pending: readonly Named[],
): IntentResult {
  const reasons: string[] = [];
  const choices: LabelChoice[] =
    hasNarrower(intent.from) || hasNarrower(intent.to) ? ['workload', 'narrowest'] : ['workload'];
  for (const choice of choices) {
    const exact: { proposal: Proposal; added: number }[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      if ((direction === 'ingress' ? intent.to : intent.from).kind !== 'pods') continue;
      const plan = new EditPlan(workspace);
      const reason = denyEdits(plan, intent, direction, choice, pending);
      if (reason) {
        reasons.push(reason);
        continue;
      }
      const proposal = proposalOf(workspace, intent, plan);
      const problem = brokenProof(proposal.proof) ?? otherChanges(proposal.proof);
      if (problem) reasons.push(`on the ${direction} side, ${problem}`);
      else exact.push({ proposal, added: plan.addedPolicies() });
      // The destination's side adding no policy cannot be beaten: the source's is not proved.
      if (exact[0]?.added === 0) break;
    }
    const best = exact.sort((a, b) => a.added - b.added)[0];
    if (best) return { ok: true, proposal: best.proposal };
  }
  return fail(`no edit denies exactly ${describe(intent)}: ${reasons[0] ?? 'nothing to edit'}`);
}

function proposalOf(workspace: Workspace, intent: ConnectionIntent, plan: EditPlan): Proposal {
  const files = plan.files();
  const { proof } = proveConnection(workspace, files, intent);
  return {
    title: `${intent.action === 'allow' ? 'Allow' : 'Deny'} ${describe(intent)}`,
    steps: plan.steps,
    files,
    proof,
    widened: plan.widened(),
    notes: intentNotes(workspace.topology(), intent),
  };
}

/** The first change the proof saw that involves none of the pods named as also selected. */
function unexplained(p: Proposal): Connection | undefined {
  const widened = new Set(p.widened);
  return [...p.proof.other.added, ...p.proof.other.removed].find(
    (c) => !widened.has(c.from) && !widened.has(c.to),
  );
}

function brokenProof(proof: Proof): string | undefined {
  if (proof.errors.length) return `the edit would not validate: ${proof.errors[0]!.message}`;
  const missed = proof.missed[0];
  return missed ? `the edit found leaves ${connectionText(missed)} as it was` : undefined;
}

function otherChanges(proof: Proof): string | undefined {
  const all = [...proof.other.removed, ...proof.other.added];
  if (!all.length) return undefined;
  const verb = proof.other.removed.length ? 'close' : 'open';
  return `the edit found would also ${verb} ${all.length} other connection${all.length > 1 ? 's' : ''} (${connectionText(all[0]!)})`;
}

export const connectionText = (c: Connection): string => `${c.from} → ${c.to} on ${c.protocol} ${c.port}`;

/** `storefront/web → data/postgres on TCP 5432` */
export function describe(intent: ConnectionIntent): string {
  return `${intent.from.label} → ${intent.to.label} on ${portText(intent)}`;
}

function portText(intent: ConnectionIntent): string {
  if (intent.port !== undefined) return `${intent.protocol ?? 'TCP'} ${intent.port}`;
  return intent.protocol ? `every ${intent.protocol} port` : 'every port';
}

function normalised(intent: ConnectionIntent): ConnectionIntent {
  return intent.port !== undefined && intent.protocol === undefined ? { ...intent, protocol: 'TCP' } : intent;
}

const fail = (reason: string): IntentResult => ({ ok: false, reason });
