// Label selectors (metav1.LabelSelector): reading them from YAML, matching them against labels exactly
// as the API machinery does, and describing them in the `key=value, key in (a, b), !key` notation.
import type { LabelSelector, LabelSelectorRequirement, Labels, SelectorOperator } from './model';
import type { YNode } from './yamlTree';
import { isMap, isScalar, isSeq, stringValue, valueOf } from './yamlTree';

export const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

const OPERATORS: ReadonlySet<string> = new Set<SelectorOperator>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

export function isEmptySelector(sel: LabelSelector): boolean {
  return sel.matchExpressions.length === 0 && Object.keys(sel.matchLabels).length === 0;
}

export function hasLabel(labels: Labels, key: string): boolean {
  return Object.hasOwn(labels, key);
}

export function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const present = hasLabel(labels, req.key);
  switch (req.operator) {
    case 'In':
      return present && req.values.includes(labels[req.key]!);
    case 'NotIn':
      return !present || !req.values.includes(labels[req.key]!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

/** True when every `matchLabels` pair and every expression holds; the empty selector matches everything. */
export function selectorMatches(sel: LabelSelector, labels: Labels): boolean {
  for (const key in sel.matchLabels) {
    if (!hasLabel(labels, key) || labels[key] !== sel.matchLabels[key]) return false;
  }
  for (const req of sel.matchExpressions) if (!requirementMatches(req, labels)) return false;
  return true;
}

/** The selector as a list of requirements: `matchLabels` pairs become `In` with one value. */
export function requirementsOf(sel: LabelSelector): LabelSelectorRequirement[] {
  const fromLabels = Object.entries(sel.matchLabels).map(([key, value]): LabelSelectorRequirement => ({
    key,
    operator: 'In',
    values: [value],
  }));
  return [...fromLabels, ...sel.matchExpressions];
}

/** Every label key the selector looks at. */
export function selectorKeys(sel: LabelSelector): string[] {
  return [...Object.keys(sel.matchLabels), ...sel.matchExpressions.map((r) => r.key)];
}

/** A label value as shown: the empty string is written `""`, so `role=""` does not read as a typo. */
const shown = (value: string): string => (value === '' ? '""' : value);

export function describeRequirement(req: LabelSelectorRequirement): string {
  switch (req.operator) {
    case 'In':
      return req.values.length === 1
        ? `${req.key}=${shown(req.values[0]!)}`
        : `${req.key} in (${req.values.map(shown).join(', ')})`;
    case 'NotIn':
      return `${req.key} notin (${req.values.map(shown).join(', ')})`;
    case 'Exists':
      return req.key;
    case 'DoesNotExist':
      return `!${req.key}`;
  }
}

/** `app=myapp, role in (a, b), !debug`; the empty selector is `{}`. */
export function describeSelector(sel: LabelSelector): string {
  if (isEmptySelector(sel)) return '{}';
  return requirementsOf(sel).map(describeRequirement).join(', ');
}

/**
 * What kubectl sends for a label value (a `matchLabels` or `metadata.labels` value, a `values` item):
 * a null (`role:` with nothing after it, `~`, `null`) is the empty string, as Go decodes a JSON null
 * into a string; a map or a list is not a label value (validation reports it).
 */
export function labelValueOf(n: YNode | null | undefined): string | undefined {
  if (n === null || n === undefined) return '';
  if (!isScalar(n)) return undefined;
  return n.value === null ? '' : String(n.value);
}

/**
 * Reads a selector from YAML, leniently: wrong types are skipped (validation reports them). Returns
 * undefined when the node is absent, null or not a map; an unknown operator becomes `In` with no values, which
 * matches nothing, so a broken requirement never widens a selector. Null label values are read as
 * kubectl sends them (labelValueOf): `matchLabels: {role: }` selects the pods whose label role is "".
 */
export function selectorFromNode(node: YNode | undefined, file: string): LabelSelector | undefined {
  if (!isMap(node)) return undefined;
  const matchLabels: Record<string, string> = {};
  const labelsNode = valueOf(node, 'matchLabels');
  if (isMap(labelsNode)) {
    for (const pair of labelsNode.pairs) {
      const value = labelValueOf(pair.value);
      if (value !== undefined) matchLabels[pair.key] = value;
    }
  }
  const exprNode = valueOf(node, 'matchExpressions');
  const matchExpressions = isSeq(exprNode) ? exprNode.items.flatMap(requirementFromNode) : [];
  return { matchLabels, matchExpressions, source: { file, span: { start: node.start, end: node.end } } };
}

function requirementFromNode(node: YNode): LabelSelectorRequirement[] {
  const key = stringValue(valueOf(node, 'key'));
  if (!isMap(node) || key === undefined) return [];
  const op = stringValue(valueOf(node, 'operator')) ?? '';
  const valuesNode = valueOf(node, 'values');
  const values = isSeq(valuesNode) ? valuesNode.items.flatMap((v) => labelValueOf(v) ?? []) : [];
  if (!OPERATORS.has(op)) return [{ key, operator: 'In', values: [] }];
  return [{ key, operator: op as SelectorOperator, values }];
}
