// Characters the API server rejects: NUL and other control characters, lone surrogates, U+FFFD
// (undecodable bytes) and a byte order mark anywhere but at the start. The first few of each chunk are
// reported, and at most MAX_CHARACTER_FINDINGS per file.
import type { TextRule } from './rule';
import { report } from './rule';

export const MAX_CHARACTER_FINDINGS = 5;

export const invalidCharacter: TextRule = {
  info: {
    code: 'invalid-character',
    severity: 'error',
    title: 'Invalid character',
    help: 'Control characters, lone surrogates, stray byte order marks and undecodable bytes are not allowed in manifests.',
  },
  check(text, offset, sink) {
    if (!SUSPECT.test(text)) return;
    let reported = 0;
    for (let i = 0; i < text.length && reported < MAX_CHARACTER_FINDINGS; i++) {
      const c = text.charCodeAt(i);
      const problem = characterProblem(text, i, c, offset + i);
      if (problem) {
        report(this, sink, { start: offset + i, end: offset + i + 1 }, problem);
        reported++;
      } else if (c >= 0xd800 && c <= 0xdbff) i++;
    }
  },
};

/** Every character characterProblem may object to: most chunks have none, and a regex finds that at once. */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff\ufeff\ufffd]/;

function characterProblem(text: string, i: number, c: number, at: number): string | undefined {
  if (c === 9 || c === 10 || c === 13) return undefined;
  if (c < 32 || c === 127)
    return `Control character U+${c.toString(16).padStart(4, '0').toUpperCase()} is not allowed in YAML.`;
  if (c === 0xfffd) return 'The file is not valid UTF-8 here (an undecodable byte shows as U+FFFD).';
  if (c === 0xfeff && at > 0)
    return 'A byte order mark (U+FEFF) is only allowed at the very start of the file.';
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? undefined : 'Lone surrogate: this text is not valid Unicode.';
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 'Lone surrogate: this text is not valid Unicode.';
  return undefined;
}
