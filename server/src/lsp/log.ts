// Errors go to the connection's console (the client's output channel), one entry each, and never
// stop the server: every request handler runs behind `guard`.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';

export type ErrorLog = (what: string, err: unknown) => void;

export function errorLog(connection: Connection): ErrorLog {
  return (what, err) => {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    connection.console.error(`${what}: ${detail}`);
  };
}

/** Wraps a handler: an exception is logged and answered with `fallback` instead of escaping. */
export function guard<A extends unknown[], R>(
  log: ErrorLog,
  what: string,
  fallback: R,
  handler: (...args: A) => R,
): (...args: A) => R {
  return (...args) => {
    try {
      return handler(...args);
    } catch (err) {
      log(what, err);
      return fallback;
    }
  };
}

/**
 * Wraps a custom request handler: a ResponseError (bad parameters) goes back as is; any other
 * exception is logged and answered with an internal-error response.
 */
export function guardRequest<P, R>(log: ErrorLog, what: string, handler: (params: P) => R): (params: P) => R {
  return (params) => {
    try {
      return handler(params);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      log(what, err);
      throw new ResponseError(
        ErrorCodes.InternalError,
        `${what} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
}

/** guardRequest for a handler that answers with a promise. */
export function guardAsyncRequest<P, R>(
  log: ErrorLog,
  what: string,
  handler: (params: P) => Promise<R>,
): (params: P) => Promise<R> {
  const sync = guardRequest(log, what, (err: unknown) => {
    throw err;
  });
  return (params) => handler(params).catch((err: unknown) => sync(err));
}
