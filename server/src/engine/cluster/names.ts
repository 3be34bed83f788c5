// Deterministic hashing and the names Kubernetes controllers give to the pods they create
// (`web-5d9c7b8f6d-x7k2p`, `db-0`). Hashes replace the controllers' randomness, so the same
// workspace always yields the same pod names, nodes and IPs.

/** FNV-1a, 32 bits; `seed` separates independent uses of the same text. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Two FNV-1a passes as one 53-bit number (a safe integer): for telling texts apart, not for names. */
export function hash53(text: string): number {
  return hash32(text, 1) * 2 ** 21 + (hash32(text, 2) >>> 11);
}

/** The alphabet of apimachinery's rand.String and SafeEncodeString: no vowels, no look-alikes. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `length` characters of ALPHABET derived from `text`. */
export function safeSuffix(text: string, length: number): string {
  let out = '';
  let h = hash32(text);
  for (let i = 0; i < length; i++) {
    if (i % 6 === 0) h = hash32(text, i + 1);
    out += ALPHABET[h % ALPHABET.length];
    h = Math.floor(h / ALPHABET.length);
  }
  return out;
}

/** Deployments label their pods with a 10-character hash of the template (here: of the Deployment). */
export function podTemplateHash(identity: string): string {
  return safeSuffix(`template/${identity}`, 10);
}

/** A CronJob names its jobs after the scheduled time in minutes; this is a stable stand-in. */
export function cronJobScheduleNumber(identity: string): number {
  return 29_000_000 + (hash32(`schedule/${identity}`) % 1_000_000);
}

/** The API server keeps at most 58 characters of a generateName prefix (63 minus the suffix). */
const MAX_GENERATE_NAME_PREFIX = 58;

/**
 * The name `kubectl create` gets for an object with `metadata.generateName` and no name: the API server
 * appends 5 random characters of ALPHABET to the prefix. Here the 5 characters are derived from a hash
 * of where the object is written (file, document index, item index within a list), so the same
 * workspace always gives the same name, and two objects with the same prefix get different ones.
 */
export function generatedName(prefix: string, at: { file: string; docIndex: number; item?: number }): string {
  const base = prefix.slice(0, MAX_GENERATE_NAME_PREFIX);
  return base + safeSuffix(`generateName/${at.file}#${at.docIndex}#${at.item ?? 0}`, 5);
}
