// Validation of Kubernetes objects as `kubectl apply` with strict field validation would see them:
// every object needs apiVersion and kind; a networking.k8s.io/v1 NetworkPolicy is then checked in one
// walk against its schema, with the rule plug-ins (one module per group of rules) run on each map; the
// objects the topology reads (Namespaces, Pods, workloads) have the values it reads checked.
import type { FindingSink } from '../parse/findingSink';
import type { ManifestObject } from '../parse/types';
import { ValidationContext } from './context';
import type { ValidationOptions } from './context';
import { METADATA_CHECKS } from './metadata';
import { OWNERSHIP_CHECKS } from './ownership';
import { PEER_CHECKS } from './peers';
import { PORT_CHECKS } from './ports';
import { NETWORK_POLICY } from './schema';
import { SELECTOR_CHECKS } from './selectors';
import { SPEC_CHECKS } from './spec';
import { VALIDATION_FAILED } from './rules';
import { checkTopologyObject } from './topologyObjects';
import { checkTypeMeta } from './typeMeta';
import { checkRegistry, walkStruct } from './walk';

export { VALIDATION_RULES } from './rules';

const CHECKS = checkRegistry([
  ...METADATA_CHECKS,
  ...OWNERSHIP_CHECKS,
  ...SELECTOR_CHECKS,
  ...SPEC_CHECKS,
  ...PEER_CHECKS,
  ...PORT_CHECKS,
]);

/** Reports everything the API server would reject (errors) or warn about in one object. */
export function validateObject(
  obj: ManifestObject,
  sink: FindingSink,
  options: ValidationOptions = {},
): void {
  const ctx = new ValidationContext(obj, sink, options);
  try {
    if (checkTypeMeta(ctx)) walkStruct(obj.node, NETWORK_POLICY, ctx, CHECKS);
    else checkTopologyObject(ctx);
  } catch (e) {
    // An editor must keep working on any input: the object is reported, not the process crashed.
    const reason = e instanceof Error ? e.message : String(e);
    const at = obj.node.pairs[0]?.keyNode ?? obj.node;
    ctx.report(VALIDATION_FAILED, at, `Validation of this object stopped on an internal error (${reason}).`);
  }
}
