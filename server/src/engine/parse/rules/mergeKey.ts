// A merge key `<<` whose value is neither a map nor a list of maps.
import type { ConversionRule } from './rule';
import { report } from './rule';

export const mergeKey: ConversionRule = {
  info: {
    code: 'yaml-merge',
    severity: 'error',
    title: 'Invalid merge key',
    help: 'A merge key `<<` must refer to a map or a list of maps.',
  },
  found(sink, at) {
    report(this, sink, at, 'A merge key `<<` takes a map or a list of maps.');
  },
};
