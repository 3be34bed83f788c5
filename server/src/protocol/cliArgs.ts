// The values of the command-line flags that name ports, checked with the one-line messages the CLI
// prints before it exits with code 2 (commander adds "error: option '--port <N>' argument … is
// invalid." in front). The protocol flags are commander choices of PROTOCOLS (values.ts).
import type { Checked } from './checked';
import { accept, reject } from './checked';
import { isPortName, PORT_MAX, PORT_MIN, portFromDigits } from './values';

const NUMBER_ONLY = `Expected an integer from ${PORT_MIN} to ${PORT_MAX}.`;

/** `--port <N>`: a number only. */
export function portFlag(text: string): Checked<number> {
  const port = portFromDigits(text);
  return port === undefined ? reject(NUMBER_ONLY) : accept(port);
}

/** `--port` of a trace: a number, or the name of a Service port (`--port postgres`). */
export function tracePortFlag(text: string): Checked<number | string> {
  return numberOrName(text, `Expected an integer from ${PORT_MIN} to ${PORT_MAX} or a port name.`);
}

/** `--port` of the matrix: a number, a port name resolved per destination, or `declared`. */
export function matrixPortFlag(text: string): Checked<number | string> {
  return numberOrName(
    text,
    `Expected a port number from ${PORT_MIN} to ${PORT_MAX}, a port name (such as http), or "declared".`,
  );
}

/** Digits are a number (and out of range an error about numbers); anything else must be a name. */
function numberOrName(text: string, message: string): Checked<number | string> {
  if (/^\d+$/.test(text)) return portFlag(text);
  return isPortName(text) ? accept(text) : reject(message);
}
