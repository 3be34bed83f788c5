// The API server's string formats (k8s.io/apimachinery/pkg/util/validation): DNS-1123 labels and
// subdomains, qualified names (label keys), label values and IANA service (port) names. Each check
// returns the API server's reasons, empty when valid. Hand-written linear scanners instead of the
// upstream regexes: same language, no backtracking on long hostile input.

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
export const QUALIFIED_NAME_MAX = 63;
export const LABEL_VALUE_MAX = 63;
export const PORT_NAME_MAX = 15;

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name' or '123-abc')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', 'my_value' or '12345')";

/** Go's len(): the length in UTF-8 bytes, which is what the API server's length limits count. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const maxLen = (n: number) => `must be no more than ${n} characters`;

const isLowerAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isAlnum = (c: number) => isLowerAlnum(c) || (c >= 65 && c <= 90);

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?` over s[from, to). */
function isLabelSpan(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  if (!isLowerAlnum(s.charCodeAt(from)) || !isLowerAlnum(s.charCodeAt(to - 1))) return false;
  for (let i = from + 1; i < to - 1; i++) {
    const c = s.charCodeAt(i);
    if (!isLowerAlnum(c) && c !== 45) return false;
  }
  return true;
}

/** `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` over s[from, to). */
function isQualifiedSpan(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  if (!isAlnum(s.charCodeAt(from)) || !isAlnum(s.charCodeAt(to - 1))) return false;
  for (let i = from + 1; i < to - 1; i++) {
    const c = s.charCodeAt(i);
    if (!isAlnum(c) && c !== 45 && c !== 95 && c !== 46) return false;
  }
  return true;
}

export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX) errs.push(maxLen(DNS1123_LABEL_MAX));
  if (!isLabelSpan(value, 0, value.length)) errs.push(LABEL_MSG);
  return errs;
}

function isSubdomain(value: string): boolean {
  let start = 0;
  for (;;) {
    const dot = value.indexOf('.', start);
    const end = dot < 0 ? value.length : dot;
    if (!isLabelSpan(value, start, end)) return false;
    if (dot < 0) return true;
    start = dot + 1;
  }
}

export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX) errs.push(maxLen(DNS1123_SUBDOMAIN_MAX));
  if (!isSubdomain(value)) errs.push(SUBDOMAIN_MSG);
  return errs;
}

/** IsQualifiedName: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function qualifiedNameErrors(value: string): string[] {
  const slash = value.indexOf('/');
  if (slash >= 0 && value.indexOf('/', slash + 1) >= 0) {
    return [
      `a qualified name ${QNAME_MSG}, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName'); it has more than one '/'`,
    ];
  }
  const errs: string[] = [];
  if (slash >= 0) {
    const prefix = value.slice(0, slash);
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of dns1123SubdomainErrors(prefix)) errs.push(`prefix part ${m}`);
  }
  const from = slash + 1;
  const nameLength = value.length - from;
  if (nameLength === 0) errs.push('name part must be non-empty');
  else if (utf8Length(value.slice(from)) > QUALIFIED_NAME_MAX)
    errs.push(`name part ${maxLen(QUALIFIED_NAME_MAX)}`);
  if (!isQualifiedSpan(value, from, value.length)) errs.push(`name part ${QNAME_MSG}`);
  return errs;
}

export function labelValueErrors(value: string): string[] {
  if (value.length === 0) return [];
  const errs: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX) errs.push(maxLen(LABEL_VALUE_MAX));
  if (!isQualifiedSpan(value, 0, value.length)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

/** IsValidPortName: an IANA_SVC_NAME. */
export function portNameErrors(port: string): string[] {
  const errs: string[] = [];
  if (utf8Length(port) > PORT_NAME_MAX) errs.push(maxLen(PORT_NAME_MAX));
  let charset = port.length > 0;
  let letter = false;
  for (let i = 0; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (c >= 97 && c <= 122) letter = true;
    else if (!(c >= 48 && c <= 57) && c !== 45) charset = false;
  }
  if (!charset) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!letter) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens (--)');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) {
    errs.push('must not begin or end with a hyphen (-)');
  }
  return errs;
}

/** The first character outside `allowed`, quoted for a message, or '' when every character is allowed. */
export function firstBadCharacter(value: string, allowed: (c: number) => boolean): string {
  for (const ch of value) {
    if (!allowed(ch.codePointAt(0)!)) return ch === ' ' ? 'a space' : `'${ch}'`;
  }
  return '';
}

export const isSubdomainChar = (c: number): boolean => isLowerAlnum(c) || c === 45 || c === 46;
export const isLabelChar = (c: number): boolean => isLowerAlnum(c) || c === 45;
export const isQualifiedChar = (c: number): boolean => isAlnum(c) || c === 45 || c === 95 || c === 46;

/**
 * A name close to `value` that satisfies DNS-1123 (subdomain when `dots`, else label): lower case,
 * other characters turned into '-', trimmed to alphanumerics at both ends. Undefined when nothing is left.
 */
export function dnsSuggestion(value: string, dots: boolean, max: number): string | undefined {
  let out = '';
  for (const ch of value.toLowerCase()) {
    const c = ch.charCodeAt(0);
    if (isLowerAlnum(c) || (dots && c === 46)) out += ch;
    else if (!out.endsWith('-')) out += '-';
  }
  out = out.replace(/\.{2,}/g, '.').replace(/-?\.-?/g, '.');
  out = out
    .slice(0, max)
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[^a-z0-9]+$/, '');
  if (out.length === 0 || out === value) return undefined;
  return (dots ? isSubdomain(out) : isLabelSpan(out, 0, out.length)) ? out : undefined;
}
