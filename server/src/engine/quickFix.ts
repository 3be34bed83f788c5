// A quick fix whose edits are written when first read. Every lint pass finds every finding, and a
// code action asks for the fixes of one: writing YAML for thousands of fixes no one applies would
// only delay the diagnostics. The edits must read only what never changes (a file's tree and text).
import type { Fix, TextEdit } from './types';

export function quickFix(title: string, edits: () => TextEdit[], preferred?: boolean): Fix {
  let written: TextEdit[] | undefined;
  return {
    title,
    get edits() {
      return (written ??= edits());
    },
    ...(preferred === undefined ? {} : { preferred }),
  };
}
