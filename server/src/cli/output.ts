// Where a command writes: standard output for results, one line on standard error for problems,
// and whether the terminal takes colours and Unicode glyphs.

export interface Output {
  /** Writes results to standard output, as is. */
  write(text: string): void;
  /** Resolves once standard output has passed on what it was given (at once when it keeps up). */
  drained(): Promise<void>;
  /** Writes one line to standard error (the newline is added). */
  error(line: string): void;
  /** Standard output is a terminal: Unicode glyphs and alignment for people, not parsers. */
  readonly tty: boolean;
  /** ANSI colours on standard output: a terminal without NO_COLOR, or FORCE_COLOR set. */
  readonly color: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** https://no-color.org: a non-empty NO_COLOR turns colours off; FORCE_COLOR (not "0") turns them on. */
export function wantsColor(tty: boolean, env: Env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  if (env['NO_COLOR']) return false;
  return tty && env['TERM'] !== 'dumb';
}

export function processOutput(): Output {
  const tty = process.stdout.isTTY === true;
  process.stdout.on('error', stdoutFailed);
  return {
    write: (text) => void process.stdout.write(text),
    drained: () =>
      process.stdout.writableNeedDrain
        ? new Promise((resolve) => process.stdout.once('drain', resolve))
        : Promise.resolve(),
    error: (line) => void process.stderr.write(`${line}\n`),
    tty,
    color: wantsColor(tty, process.env),
  };
}

/** `netpol-lens … | head` closes the pipe early: stop quietly. Any other write failure is an I/O problem. */
function stdoutFailed(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EPIPE') {
    process.stderr.write(`netpol-lens: cannot write the output: ${err.message.split('\n')[0]}\n`);
    process.exitCode = 2;
  }
  process.exit();
}
