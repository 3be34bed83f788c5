// kubectl converts YAML to JSON with go-yaml v2, which follows YAML 1.1: an unquoted `yes`, `on`, `y`
// or `off` is a boolean and `1_000` or `0b101` a number, although this engine's YAML 1.2 parser reads
// them as strings. This module says what go-yaml makes of such a plain scalar, so a value the API
// server will see as a boolean or a number is not mistaken for a string.

const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
]);

// What the YAML 1.2 core schema already reads as a number: such a plain scalar that still arrives here
// as a string was tagged `!!str` explicitly, and go-yaml honours that tag too.
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

// Go's strconv.ParseInt(s, 0, 64) syntax, and go-yaml's float pattern, applied after removing '_'.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const YAML11_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/**
 * What go-yaml (YAML 1.1) makes of a plain scalar that the YAML 1.2 parser read as the string `text`:
 * a boolean, a number, or undefined when it is a string for both.
 */
export function yaml11Reading(text: string): boolean | number | undefined {
  if (text.length === 0 || text.length > 40) return undefined;
  const c = text.charCodeAt(0);
  // go-yaml tries numbers only for scalars that start with a digit or a sign ('.' leads to the same
  // floats as YAML 1.2); every other plain scalar is a string unless it is one of the boolean words.
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45;
  if (!numeric) return YAML11_BOOLEANS.get(text);
  if (CORE_INT.test(text) || CORE_FLOAT.test(text)) return undefined;
  const plain = text.replaceAll('_', '');
  if (GO_INT.test(plain)) return goInt(plain);
  if (YAML11_FLOAT.test(plain)) return Number(plain);
  return undefined;
}

function goInt(s: string): number {
  const negative = s.startsWith('-');
  const body = s.replace(/^[-+]/, '');
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  return negative ? -value : value;
}

/** The map key go-yaml and kubectl would use for a plain key written as `text` (e.g. `on` becomes "true"). */
export function yaml11Key(text: string): string | undefined {
  const reading = yaml11Reading(text);
  return reading === undefined ? undefined : String(reading);
}
