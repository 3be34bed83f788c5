// Exit codes of the contract, and the one-line error every usage or I/O problem becomes.
import type { CommanderError } from 'commander';

export const EXIT_OK = 0;
export const EXIT_ERRORS_FOUND = 1;
export const EXIT_USAGE = 2;

/** A usage or I/O problem: printed as `netpol-lens: <message>` on one line, exit code 2. */
export class CliError extends Error {}

/** Commander's messages start with "error: " and may put a suggestion on a second line. */
export function commanderMessage(err: CommanderError): string {
  if (err.code === 'commander.help') return 'missing command; run `netpol-lens --help` for the commands';
  return oneLine(err.message.replace(/^error: /, ''));
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
