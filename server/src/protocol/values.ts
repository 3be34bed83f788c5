// The words every contract shares, spelled once: transport protocols, port numbers and port names,
// matrix modes, with the predicates that check a value received from outside (a flag, a request, a
// command argument, a webview message). Pure and dependency-free: the engine, the language server,
// the CLI, the client and the webviews all import it.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export const PORT_MIN = 1;
export const PORT_MAX = 65535;

/** `port`: every cell on one port; `declared`: each cell on its destination's declared container ports. */
export type MatrixMode = 'port' | 'declared';
export const MATRIX_MODES: readonly MatrixMode[] = ['port', 'declared'];

/** IANA_SVC_NAME, as the API server checks a container port name: 1-15 of a-z, 0-9 and `-`, with a
 * letter, no `--`, no `-` at either end. */
const PORT_NAME = /^(?!-)(?!.*--)(?=.*[a-z])[a-z0-9-]{1,15}(?<!-)$/;

export const isProtocol = (v: unknown): v is Protocol => PROTOCOLS.includes(v as Protocol);

export const isPortNumber = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= PORT_MIN && (v as number) <= PORT_MAX;

export const isPortName = (v: unknown): v is string => typeof v === 'string' && PORT_NAME.test(v);

export const isMatrixMode = (v: unknown): v is MatrixMode => MATRIX_MODES.includes(v as MatrixMode);

/** A port number written in decimal digits only (leading zeros allowed); undefined for anything else. */
export function portFromDigits(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return isPortNumber(n) ? n : undefined;
}

/** A protocol written in any case, blanks around it ignored (`udp` → UDP); undefined otherwise. */
export function protocolFromText(v: unknown): Protocol | undefined {
  if (typeof v !== 'string') return undefined;
  const upper = v.trim().toUpperCase();
  return PROTOCOLS.find((p) => p === upper);
}

/** `TCP, UDP or SCTP`: a list in a sentence. */
export function oneOfText(items: readonly string[], last = 'or'): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)!}`;
}
