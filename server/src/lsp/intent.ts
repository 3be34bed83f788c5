// `netpol/intent`: an intent (allow, deny, isolate a namespace, tighten a policy) proposed by the
// engine, converted for the editor: the edit as a WorkspaceEdit (versioned when the client applies
// document changes, so a changed document refuses it), the files as they would read, and the
// reachability diff of the edit (intended changes first). Bad parameters are InvalidParams errors.
import { ErrorCodes, ResponseError, TextDocumentEdit } from 'vscode-languageserver';
import type { WorkspaceEdit } from 'vscode-languageserver';
import {
  applyEdits,
  previewOf,
  proposeConnection,
  proposeIsolation,
  proposeTightening,
  PROTOCOLS,
  intentFor,
} from '../engine';
import type { Connection, Direction, PreviewGroup, Proposal, Protocol } from '../engine';
import type { IntentParams, IntentProposal, IntentResult } from '../protocol/requests';
import type { ServerState } from './state';

export interface IntentOptions {
  /** The client applies versioned `documentChanges`. */
  documentChanges: boolean;
}

export function intentProposal(
  state: ServerState,
  params: IntentParams,
  options: IntentOptions,
): IntentResult {
  const ws = state.engine;
  const p = checked(params);
  if (p.intent === 'tighten') {
    const [namespace, name, extra] = p.policy.split('/');
    if (!namespace || !name || extra !== undefined) invalid('policy must be namespace/name');
    const r = proposeTightening(ws, { namespace, name });
    return r.ok ? { ok: true, proposal: converted(state, r.proposal, {}, options) } : r;
  }
  if (p.intent === 'isolate') {
    const r = proposeIsolation(ws, p);
    if (!r.ok) return r;
    const { cut, kept } = r.proposal;
    return { ok: true, proposal: converted(state, r.proposal, {}, options), cut, kept };
  }
  const intent = intentFor(ws, { ...p, action: p.intent });
  if (typeof intent === 'string') return { ok: false, reason: intent };
  const r = proposeConnection(ws, intent);
  if (!r.ok) return { ok: false, reason: [r.reason, ...(r.notes ?? [])].join('. Note: ') };
  const out: IntentResult = { ok: true, proposal: converted(state, r.proposal, intent, options) };
  if (r.proposal.narrower) out.narrower = converted(state, r.proposal.narrower, intent, options);
  return out;
}

function converted(
  state: ServerState,
  proposal: Proposal,
  asked: { port?: number; protocol?: Protocol },
  options: IntentOptions,
): IntentProposal {
  const preview = previewOf(state.engine, proposal, asked);
  const out: IntentProposal = {
    title: proposal.title,
    steps: proposal.steps,
    edit: workspaceEdit(state, proposal, options),
    files: proposal.files.map((f) => ({
      uri: f.file,
      text: applyEdits(state.engine.summary(f.file)!.text, f.edits),
    })),
    intended: proposal.proof.intended,
    groups: preview.groups.map((g) => (g.intended ? noted(g, proposal.notes) : g)),
    other: preview.other,
    ports: preview.ports,
    widened: proposal.widened,
  };
  if (proposal.notes.length) out.notes = proposal.notes;
  return out;
}

/** The notes first (the preview cuts a long reason at its end), then the group's own reason. */
function noted(g: PreviewGroup, notes: readonly string[]): PreviewGroup {
  return notes.length ? { ...g, reason: [...notes, g.reason].join(' — ') } : g;
}

function workspaceEdit(state: ServerState, proposal: Proposal, options: IntentOptions): WorkspaceEdit {
  if (!options.documentChanges)
    return { changes: Object.fromEntries(proposal.files.map((f) => [f.file, f.edits])) };
  return {
    documentChanges: proposal.files.map((f) =>
      TextDocumentEdit.create({ uri: f.file, version: state.analysedVersion(f.file) ?? null }, f.edits),
    ),
  };
}

/** The parameters, checked field by field (they come from the client). */
function checked(params: IntentParams): IntentParams {
  const p = (params ?? {}) as Record<string, unknown>;
  switch (p['intent']) {
    case 'allow':
    case 'deny': {
      const out: IntentParams = {
        intent: p['intent'],
        from: name(p['from'], 'from'),
        to: name(p['to'], 'to'),
      };
      if (p['port'] !== undefined && p['port'] !== null) out.port = portOf(p['port']);
      if (p['protocol'] !== undefined && p['protocol'] !== null) out.protocol = protocolOf(p['protocol']);
      return out;
    }
    case 'isolate':
      return {
        intent: 'isolate',
        namespace: name(p['namespace'], 'namespace'),
        directions: directionsOf(p['directions']),
        keep: keepOf(p['keep']),
      };
    case 'tighten':
      return { intent: 'tighten', policy: name(p['policy'], 'policy') };
    default:
      return invalid('intent must be allow, deny, isolate or tighten');
  }
}

function directionsOf(v: unknown): Direction[] {
  const ok = Array.isArray(v) && v.length > 0 && v.every((d) => d === 'ingress' || d === 'egress');
  return ok ? [...new Set(v as Direction[])] : invalid('directions must list ingress and/or egress');
}

function keepOf(v: unknown): Connection[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) invalid('keep must be a list of connections');
  return v.map((c: Record<string, unknown>) => ({
    from: name(c?.['from'], 'keep.from'),
    to: name(c?.['to'], 'keep.to'),
    port: portOf(c?.['port']),
    protocol: protocolOf(c?.['protocol']),
  }));
}

function invalid(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, message);
}

function name(v: unknown, what: string): string {
  return typeof v === 'string' && v.trim() !== '' && v.length <= 1024
    ? v.trim()
    : invalid(`${what} must be a non-empty string`);
}

function portOf(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535
    ? v
    : invalid('port must be an integer from 1 to 65535');
}

function protocolOf(v: unknown): Protocol {
  return PROTOCOLS.find((p) => p === v) ?? invalid(`protocol must be one of ${PROTOCOLS.join(', ')}`);
}
