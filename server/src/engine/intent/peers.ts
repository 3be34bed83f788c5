// The YAML an intent writes: the labels that select one side (the workload's selector, or the
// narrowest labels every one of its pods carries), the peer naming it from a policy's namespace, and
// the `ports` of the intent.
import type { Labels } from '../model';
import { NAMESPACE_NAME_LABEL } from '../topology';
import { identifyingLabels } from './endpoints';
import type { Endpoint, IntentPorts } from './types';

type Json = Record<string, unknown>;

/** `workload`: the workload's selector when it has one; `narrowest`: every label its pods share. */
export type LabelChoice = 'workload' | 'narrowest';

export function labelsOf(e: Extract<Endpoint, { kind: 'pods' }>, choice: LabelChoice): Labels {
  return (choice === 'workload' && e.selectorLabels) || identifyingLabels(e.pods);
}

/** Whether the narrowest labels differ from the chosen ones (a narrower choice may exist). */
export function hasNarrower(e: Endpoint): boolean {
  if (e.kind !== 'pods' || !e.selectorLabels) return false;
  const narrow = identifyingLabels(e.pods);
  return Object.keys(narrow).length > Object.keys(e.selectorLabels).length;
}

export const podSelectorOf = (labels: Labels): Json =>
  Object.keys(labels).length ? { matchLabels: { ...labels } } : {};

export const namespaceSelectorOf = (namespace: string): Json => ({
  matchLabels: { [NAMESPACE_NAME_LABEL]: namespace },
});

/** The peer that names an endpoint from a policy in `policyNamespace`; `selects` hears the labels written. */
export function peerOf(
  e: Endpoint,
  policyNamespace: string,
  choice: LabelChoice,
  selects: (e: Endpoint, l: Labels) => void,
): Json {
  if (e.kind === 'address') return { ipBlock: { cidr: e.cidr } };
  const labels = labelsOf(e, choice);
  selects(e, labels);
  const podSelector = podSelectorOf(labels);
  if (e.namespace === policyNamespace) return { podSelector };
  return { namespaceSelector: namespaceSelectorOf(e.namespace), podSelector };
}

/** The intent's ports as a rule's `ports` (undefined: every port of every protocol). */
export function portsOf(intent: IntentPorts): Json[] | undefined {
  if (intent.port === undefined && intent.protocol === undefined) return undefined;
  const entry: Json = {};
  if (intent.protocol && (intent.protocol !== 'TCP' || intent.port === undefined))
    entry['protocol'] = intent.protocol;
  if (intent.port !== undefined) entry['port'] = intent.port;
  return [entry];
}

/** `web`, `storefront/web` (for names of new policies). */
export function shortName(e: Endpoint): string {
  if (e.kind === 'address') return e.cidr.replace(/[./]/g, '-');
  // A replica is named after its workload: its labels, which a policy selects it by, are the workload's.
  const replica = e.pods.length === 1 ? e.pods[0]!.owner : undefined;
  const last = (replica ?? e.label).split('/').pop() ?? 'pods';
  return last.replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'pods';
}
