// Nesting deeper than any Kubernetes object: the converter stops there, which bounds every recursive
// walk downstream.
import type { ConversionRule } from './rule';
import { report } from './rule';

/** Deeper than any Kubernetes object; guards every recursive walk downstream. */
export const MAX_DEPTH = 128;

export const tooDeep: ConversionRule = {
  info: {
    code: 'yaml-too-deep',
    severity: 'error',
    title: 'Nesting too deep',
    help: 'The document nests deeper than any Kubernetes object does; the deep part is not analysed.',
  },
  found(sink, at) {
    report(this, sink, at, `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`);
  },
};
