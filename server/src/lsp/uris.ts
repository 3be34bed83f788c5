// File URIs <-> file-system paths. The engine identifies files by URI (so findings and related
// locations go straight to the client); `file:` URIs are canonicalised so that the client's spelling
// (`%3A`, upper-case drive letters, …) and ours name the same file once.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file-system path of a `file:` URI, or undefined for other schemes and malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(path.resolve(fsPath)).href;
}

const canonical = new Map<string, string>();
const CANONICAL_CACHE_SIZE = 4096;

/** One spelling per file: `file:` URIs round-trip through the path; other schemes are kept as sent. */
export function canonicalUri(uri: string): string {
  let c = canonical.get(uri);
  if (c === undefined) {
    const p = uriToPath(uri);
    c = p === undefined ? uri : pathToUri(p);
    if (canonical.size >= CANONICAL_CACHE_SIZE) canonical.clear();
    canonical.set(uri, c);
  }
  return c;
}

/** True when `child` is `parent` or lies inside it (both file-system paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
