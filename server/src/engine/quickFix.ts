// A quick fix whose edits are written when first read. Every lint pass finds every finding, and a
// code action asks for the fixes of one: writing YAML for thousands of fixes before the diagnostics
// are out would only delay them. The edits must read only what never changes (a file's tree and
// text); once written, what they were written from is let go (an editor writes them when idle, so
// that an old version of a file is not kept alive by the fixes of findings reused since).
import type { Fix, TextEdit } from './types';

export function quickFix(title: string, edits: () => TextEdit[], preferred?: boolean): Fix {
  let write: (() => TextEdit[]) | undefined = edits;
  let written: TextEdit[] = [];
  return {
    title,
    get edits() {
      if (write) {
        written = write();
        write = undefined;
      }
      return written;
    },
    ...(preferred === undefined ? {} : { preferred }),
  };
}

/** Writes the fixes of findings now (see quickFix). */
export function writeFixes(findings: readonly { fixes?: readonly Fix[] }[]): void {
  for (const f of findings) for (const fix of f.fixes ?? []) void fix.edits;
}
