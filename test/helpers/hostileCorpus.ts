// The hostile-input corpus shared by the engine, CLI and language-server robustness tests. Every
// input is built deterministically at test time (nothing multi-MB is committed), with the finding
// codes it must produce. `bytes` is what lands on disk; engine tests decode it as the CLI does.

export interface HostileInput {
  name: string;
  /** File name on disk (the extension decides whether a folder walk picks it up). */
  file: string;
  bytes: () => Uint8Array;
  /** Codes that must each be reported at least once. */
  codes: readonly string[];
  /** Exact number of findings for some codes. */
  counts?: Readonly<Record<string, number>>;
  /** True when the input holds an error, so `check` exits 1 (else 0). */
  errors: boolean;
  /** Characters: the engine must parse it under this limit (the CLI default may skip it instead). */
  maxFileSize?: number;
}

const enc = new TextEncoder();
const utf8 = (s: string) => (): Uint8Array => enc.encode(s);
const MB = 1024 * 1024;

/** A NetworkPolicy valid in every respect, the base most inputs start from. */
export const VALID_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              role: frontend
      ports:
        - protocol: TCP
          port: 80
`;

/** Deterministic pseudo-random bytes (xorshift32). */
export function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function billionLaughs(): string {
  const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  ${rows.join('\n  ')}\n`;
}

function aliasFlood(): string {
  const list = Array(1000).fill('1').join(',');
  return `kind: NetworkPolicy\nx: &a [${list}]\ny: [${Array(20_000).fill('*a').join(',')}]\n`;
}

const wrap = (inner: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: ${inner}\n`;

function tenThousandDocuments(): string {
  const docs: string[] = [];
  for (let i = 0; i < 10_000; i++) docs.push(VALID_POLICY.replace('name: allow-web', `name: allow-web-${i}`));
  return docs.join('---\n');
}

const longValue = 'v'.repeat(100_000);

export const HOSTILE: readonly HostileInput[] = [
  {
    name: 'billion laughs (9 levels of 9 aliases)',
    file: 'laughs.yaml',
    bytes: utf8(billionLaughs()),
    codes: ['yaml-alias-limit'],
    counts: { 'yaml-alias-limit': 1 },
    errors: true,
  },
  {
    name: '20,000 aliases of a 1,000-item list',
    file: 'alias-flood.yaml',
    bytes: utf8(aliasFlood()),
    codes: ['yaml-alias-limit'],
    counts: { 'yaml-alias-limit': 1 },
    errors: true,
  },
  {
    name: '10 MB of random bytes',
    file: 'random.yaml',
    bytes: () => randomBytes(10 * MB, 0x5eed),
    codes: [],
    errors: false,
    maxFileSize: 16 * MB,
  },
  {
    name: '1 MB of random bytes after a Kubernetes header',
    file: 'random-k8s.yaml',
    bytes: () => concat(enc.encode('apiVersion: v1\nkind: Pod\n'), randomBytes(MB, 7)),
    codes: ['invalid-character'],
    errors: true,
  },
  {
    name: '50,000 nested flow sequences',
    file: 'deep-seq.yaml',
    bytes: utf8(wrap('['.repeat(50_000) + ']'.repeat(50_000))),
    codes: ['yaml-too-deep'],
    counts: { 'yaml-too-deep': 1 },
    errors: true,
  },
  {
    name: '50,000 nested flow maps',
    file: 'deep-map.yaml',
    bytes: utf8(wrap('{a: '.repeat(50_000) + '}'.repeat(50_000))),
    codes: ['yaml-too-deep'],
    counts: { 'yaml-too-deep': 1 },
    errors: true,
  },
  {
    name: '50,000 unclosed flow sequences',
    file: 'deep-unclosed.yaml',
    bytes: utf8(wrap('['.repeat(50_000))),
    codes: ['yaml-syntax'],
    errors: true,
  },
  {
    name: '50,000 nested compact block sequences',
    file: 'deep-block.yaml',
    bytes: utf8(wrap('\n  ' + '- '.repeat(50_000) + 'x')),
    codes: ['yaml-too-deep'],
    errors: true,
  },
  {
    name: 'NUL bytes in a value',
    file: 'nul.yaml',
    bytes: utf8(VALID_POLICY.replace('name: allow-web', 'name: allow\u0000web\u0000')),
    codes: ['invalid-character'],
    counts: { 'invalid-character': 2 },
    errors: true,
  },
  {
    name: 'byte order mark and CRLF line ends, valid',
    file: 'bom-crlf.yaml',
    bytes: utf8('\ufeff' + VALID_POLICY.replace(/\n/g, '\r\n')),
    codes: [],
    errors: false,
  },
  {
    name: 'invalid UTF-8 bytes (lone surrogate encoded, overlong, truncated)',
    file: 'bad-utf8.yaml',
    bytes: () =>
      concat(
        enc.encode(VALID_POLICY.replace('namespace: default', 'namespace: x')),
        enc.encode('# '),
        new Uint8Array([0xed, 0xa0, 0x80, 0xc0, 0x80, 0xe2, 0x82]),
        enc.encode('\n'),
      ),
    codes: ['invalid-character'],
    errors: true,
  },
  {
    name: 'scalars and lists where objects belong',
    file: 'retyped.yaml',
    bytes: utf8(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: [a, b]\nspec: 5\n---\n' +
        VALID_POLICY.replace(
          / {2}ingress:[^]*$/,
          '  ingress: "x"\n  egress:\n    - to: 5\n      ports: {a: 1}\n',
        ) +
        '---\nkind: List\napiVersion: v1\nitems: [1, "x", null, [2]]\n',
    ),
    codes: ['invalid-type', 'unknown-field'],
    counts: { 'invalid-type': 5, 'unknown-field': 1 },
    errors: true,
  },
  {
    name: '10,000 documents in one file',
    file: 'many-docs.yaml',
    bytes: utf8(tenThousandDocuments()),
    codes: [],
    errors: false,
  },
  {
    name: '100,000-character label values',
    file: 'long-label.yaml',
    bytes: utf8(
      VALID_POLICY.replace('app: web', `app: ${longValue}`).replace(
        'namespace: default',
        `namespace: default\n  labels:\n    team: ${longValue}`,
      ),
    ),
    codes: ['invalid-label-value'],
    counts: { 'invalid-label-value': 2 },
    errors: true,
  },
  {
    name: 'merge keys, valid and invalid',
    file: 'merge.yaml',
    bytes: utf8(
      VALID_POLICY.replace('    matchLabels:\n      app: web', '    matchLabels:\n      <<: {app: web}') +
        '---\n' +
        VALID_POLICY.replace('name: allow-web', 'name: other').replace('app: web', '<<: 5'),
    ),
    codes: ['yaml-merge'],
    counts: { 'yaml-merge': 1 },
    errors: true,
  },
  {
    name: 'tagged keys and values (!!binary, custom tags)',
    file: 'tags.yaml',
    bytes: utf8(
      VALID_POLICY.replace('app: web', '!!binary YXBw: web\n      !custom tier: !other db') +
        '---\n' +
        VALID_POLICY.replace('name: allow-web', 'name: !!binary YWxsb3c='),
    ),
    codes: ['yaml-warning'],
    counts: { 'yaml-warning': 2 },
    // kubectl (go-yaml) reads `!!binary YWxsb3c=` as the text `allow` and ignores unknown local tags.
    errors: false,
  },
  {
    name: 'JSON with duplicate keys',
    file: 'dup.json',
    bytes: utf8(
      '{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",\n' +
        ' "metadata": {"name": "a", "name": "b"},\n' +
        ' "spec": {"podSelector": {}, "podSelector": {"matchLabels": {"app": "web"}}}}\n',
    ),
    codes: ['duplicate-key'],
    counts: { 'duplicate-key': 2 },
    errors: true,
  },
  {
    name: 'prototype-named keys (__proto__, constructor, toString)',
    file: 'proto.yaml',
    bytes: utf8(
      VALID_POLICY.replace('app: web', '__proto__: {polluted: yes}\n      constructor: x').replace(
        'role: frontend',
        'toString: y',
      ),
    ),
    // `__proto__` is no label key; `y` is a YAML 1.1 boolean to kubectl; `constructor` is a fine key.
    codes: ['invalid-type', 'invalid-label-key', 'needs-quotes'],
    counts: { 'invalid-type': 1, 'invalid-label-key': 1, 'needs-quotes': 1 },
    errors: true,
  },
  {
    name: '100,000 empty documents',
    file: 'separators.yaml',
    bytes: utf8('---\n'.repeat(100_000)),
    codes: [],
    errors: false,
  },
  {
    name: 'a 2 MB line',
    file: 'long-line.yaml',
    bytes: utf8(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: ${'y'.repeat(2 * MB)}\n`,
    ),
    codes: [],
    errors: false,
  },
];
