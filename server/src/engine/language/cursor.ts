// Where a position falls in an analysed file: the Kubernetes object around it and the chain of YAML
// nodes from that object's root down to the cursor, with the key path (`spec.ingress.0.from`).
import type { ManifestObject, ParsedFile } from '../parse/types';
import { objectAt } from '../parse/documents';
import type { Position } from '../types';
import type { PathStep } from '../yamlTree';
import { pathAt } from '../yamlTree';

export interface Cursor {
  parsed: ParsedFile;
  offset: number;
  object: ManifestObject;
  /** From the object's root map to the innermost node at the cursor. */
  steps: PathStep[];
  /** Map keys and sequence indexes from the object's root to the innermost node. */
  keys: (string | number)[];
  /** True when the cursor sits on the last step's key rather than in its value. */
  onKey: boolean;
}

export function cursorAt(parsed: ParsedFile, position: Position): Cursor | undefined {
  const offset = parsed.lines.offsetAt(position);
  const object = objectAt(parsed, offset);
  if (!object) return undefined;
  const steps = pathAt(object.node, offset);
  const keys = steps.slice(1).map((s) => (s.pair ? s.pair.key : (s.index ?? -1)));
  return { parsed, offset, object, steps, keys, onKey: steps[steps.length - 1]?.onKey === true };
}
