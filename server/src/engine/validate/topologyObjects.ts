// The objects the topology is built from (Namespaces, Pods and the workloads that create pods) are
// not validated field by field, but the values the topology reads from them are checked as the API
// server decodes them: a name, a namespace or a label value that kubectl reads as a YAML 1.1 boolean
// or a number (`app: yes`, `name: on`, `version: 1`) is rejected, so such an object is flagged where
// the value is written (needs-quotes, with the quoting fix) and left out of the topology, like an
// invalid NetworkPolicy.
import { nodeAtPath, pairOf } from '../yamlTree';
import type { ValidationContext } from './context';
import { isLabelValue } from './schema';
import type { FieldType } from './schema';
import { isBuiltInGroup } from './typeMeta';
import { checkRegistry, walkValue } from './walk';

/** Where a pod template sits in each workload kind. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec'],
  ReplicaSet: ['spec'],
  StatefulSet: ['spec'],
  DaemonSet: ['spec'],
  ReplicationController: ['spec'],
  Job: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec'],
};

const TOPOLOGY_KINDS: ReadonlySet<string> = new Set(['Namespace', 'Pod', ...Object.keys(TEMPLATE_PATHS)]);

const STRING: FieldType = { kind: 'string' };
const LABELS: FieldType = { kind: 'stringMap', values: isLabelValue };
const NO_CHECKS = checkRegistry([]);

/** Checks a Namespace, Pod or workload of a built-in API group; other objects are left alone. */
export function checkTopologyObject(ctx: ValidationContext): void {
  const { kind, apiVersion } = ctx.object;
  if (!kind || !TOPOLOGY_KINDS.has(kind) || (apiVersion && !isBuiltInGroup(apiVersion))) return;
  checkField(ctx, ['metadata', 'name'], STRING);
  if (kind !== 'Namespace') checkField(ctx, ['metadata', 'namespace'], STRING);
  checkField(ctx, ['metadata', 'labels'], LABELS);
  const spec = TEMPLATE_PATHS[kind];
  if (!spec) return;
  checkField(ctx, [...spec, 'template', 'metadata', 'labels'], LABELS);
  // A ReplicationController's selector is a plain label map; the others' a LabelSelector.
  if (kind === 'ReplicationController') checkField(ctx, [...spec, 'selector'], LABELS);
  else checkField(ctx, [...spec, 'selector', 'matchLabels'], LABELS);
}

/** Checks the value at `path` (map keys from the object's root) against its type, if it is there. */
function checkField(ctx: ValidationContext, path: readonly string[], type: FieldType): void {
  const parent = nodeAtPath(ctx.root, path.slice(0, -1));
  const pair = parent?.kind === 'map' ? pairOf(parent, path[path.length - 1]!) : undefined;
  if (!pair) return;
  for (const segment of path) ctx.push(segment);
  walkValue(pair.value, type, ctx, NO_CHECKS, pair.keyNode);
  for (let i = 0; i < path.length; i++) ctx.pop();
}
