// Values as the API server receives them after kubectl's YAML 1.1 to JSON conversion. A null is the
// field's zero value (an empty string, an absent pointer or list); a node of the wrong type reads as
// undefined, since the structure walk has already reported it.
import type { YMap, YNode, YPair, YScalar } from '../yamlTree';
import { isScalar, pairOf } from '../yamlTree';
import { yaml11Reading } from './yaml11';

export const isNull = (n: YNode | null | undefined): boolean =>
  n === null || n === undefined || (n.kind === 'scalar' && n.value === null);

/** The pair for `key` when its value is not null: what Go's decoder sees as "set". */
export function presentPair(map: YMap, key: string): YPair | undefined {
  const p = pairOf(map, key);
  return p && !isNull(p.value) ? p : undefined;
}

/** What go-yaml makes of a scalar: YAML 1.1 booleans and numbers for plain strings that are not. */
export function k8sScalar(n: YScalar): YScalar['value'] {
  if (n.plain && typeof n.value === 'string' && n.tag === undefined) {
    const reading = yaml11Reading(n.value);
    if (reading !== undefined) return reading;
  }
  return n.value;
}

/** A string field's value: null reads as '', anything but a string as undefined. */
export function asString(n: YNode | null | undefined): string | undefined {
  if (isNull(n)) return '';
  if (!isScalar(n)) return undefined;
  const v = k8sScalar(n);
  return typeof v === 'string' ? v : undefined;
}

/** An integer field's value, undefined for a null, a non-integer or a non-number. */
export function asInteger(n: YNode | null | undefined): number | undefined {
  if (!isScalar(n)) return undefined;
  const v = k8sScalar(n);
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

export const INT32_MAX = 2147483647;
export const INT32_MIN = -2147483648;
