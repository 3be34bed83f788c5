// What a validator of the contracts room returns: the value, or the message the user sees (the
// CLI's one-line error, the server's InvalidParams reply, the client's notification). Plain data,
// so every side decides itself how to report it.

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const reject = <T = never>(error: string): Checked<T> => ({ ok: false, error });
