// An alias whose anchor is not defined before it.
import type { ConversionRule } from './rule';
import { report } from './rule';

export const unknownAnchor: ConversionRule<[name: string]> = {
  info: {
    code: 'yaml-unknown-anchor',
    severity: 'error',
    title: 'Unknown anchor',
    help: 'An alias `*name` refers to an anchor `&name` that is not defined before it.',
  },
  found(sink, at, name) {
    report(this, sink, at, `Unknown anchor \`&${name}\`: define it before \`*${name}\`.`);
  },
};
