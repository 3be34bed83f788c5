// One-line, human-readable descriptions of file-system errors, for the CLI's stderr and the
// language server's log. Never a stack trace, always the path the user gave.

const MESSAGES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
};

/** A file-system problem tied to a path, ready to print on one line. */
export interface IoProblem {
  path: string;
  message: string;
}

export function ioProblem(path: string, err: unknown): IoProblem {
  return { path, message: `${describeError(err)}: ${path}` };
}

function describeError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && MESSAGES[code]) return MESSAGES[code];
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.replace(/^\w+: /, '');
}
