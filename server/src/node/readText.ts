// Reads one file as the engine wants it: UTF-8 text, at most a given number of bytes.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Finding, SourceFile } from '../engine/types';
import { ioProblem } from './ioErrors';
import type { IoProblem } from './ioErrors';

export type ReadResult =
  | { kind: 'text'; file: SourceFile }
  | { kind: 'too-large'; finding: Finding }
  | { kind: 'error'; problem: IoProblem };

const CHUNK = 1 << 16;

/**
 * Reads `realPath` and names the result `path` (the name the user knows it by). A file longer than
 * `maxBytes` is not decoded: it gets the engine's `file-too-large` information finding instead. The
 * read stops at `maxBytes + 1` bytes, so a file that grows, or a device, cannot exhaust memory.
 */
export async function readManifest(path: string, realPath: string, maxBytes: number): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(realPath, 'r');
  } catch (err) {
    return { kind: 'error', problem: ioProblem(path, err) };
  }
  try {
    const bytes = await readUpTo(handle, maxBytes + 1);
    if (bytes.length > maxBytes) {
      const size = Math.max(bytes.length, (await handle.stat()).size);
      return { kind: 'too-large', finding: tooLargeFinding(path, size, maxBytes) };
    }
    return { kind: 'text', file: { path, text: decodeUtf8(bytes) } };
  } catch (err) {
    return { kind: 'error', problem: ioProblem(path, err) };
  } finally {
    await handle.close();
  }
}

async function readUpTo(handle: FileHandle, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < limit) {
    const buffer = new Uint8Array(Math.min(CHUNK, limit - total));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/**
 * UTF-8 without ever throwing: undecodable bytes become U+FFFD, which the engine reports as
 * `invalid-character`. A leading byte order mark is dropped, as editors do, so positions match
 * the ones an editor shows; nothing else is changed (CRLF, NUL and the rest reach the engine).
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** The finding for a file that was not read because it exceeds the size limit. */
export function tooLargeFinding(path: string, size: number, maxBytes: number): Finding {
  return {
    file: path,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'information',
    code: 'file-too-large',
    message:
      `Not analysed: the file has ${formatBytes(size)}, more than the limit of ${formatBytes(maxBytes)} ` +
      `(setting netpolLens.maxFileSize, option --max-file-size).`,
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
