// Workspace text quoted in a message is cut to a readable length: a 100,000-character label value
// must not become a 100,000-character diagnostic.
export const MAX_QUOTED = 64;
export const MAX_MESSAGE = 1000;

/** `s` as a JSON string, cut after `max` characters with its full length said. */
export function quotedExcerpt(s: string, max = MAX_QUOTED): string {
  if (s.length <= max) return JSON.stringify(s);
  return `${JSON.stringify(s.slice(0, max))}… (${s.length} characters)`;
}

/** `s` in backticks, cut the same way. */
export function codeExcerpt(s: string, max = MAX_QUOTED): string {
  if (s.length <= max) return `\`${s}\``;
  return `\`${s.slice(0, max)}…\` (${s.length} characters)`;
}

/** A message capped at MAX_MESSAGE characters, the last resort when a quoted part was not cut. */
export function cappedMessage(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}
