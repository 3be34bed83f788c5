// The alias expansion budget of a document ("billion laughs" guard): past it, aliases are not expanded.
import type { ConversionRule } from './rule';
import { report } from './rule';

/** Alias expansion budget, in nodes, per document (billion-laughs guard). */
export const MAX_ALIAS_NODES = 100_000;

export const aliasLimit: ConversionRule<[name: string]> = {
  info: {
    code: 'yaml-alias-limit',
    severity: 'error',
    title: 'Alias expansion limit',
    help: 'Aliases expand to too many nodes (a "billion laughs" alias bomb); the alias is not expanded.',
  },
  found(sink, at, name) {
    report(
      this,
      sink,
      at,
      `Aliases in this document expand to more than ${MAX_ALIAS_NODES} nodes (an alias bomb?); \`*${name}\` and the aliases after it are not expanded.`,
    );
  },
};
