// The entry of a summary worker thread (server/out/summaryWorker.js): summarises the files the main
// thread sends (summaryPool.ts) with the engine's summariseFile, or one range of a file's chunks with
// summariseChunks, and sends back the summaries, plain data (findings and the objects' facts; no YAML
// tree, and not the text, which the main thread has). The engine is pure: the result is the one the
// main thread would have computed.
// A range of a file holding policies is analysed with its trees, which the worker keeps (by the
// request's id) until the main thread sends what linting it needs (engine summaryParts.ts lintPart).
import { parentPort } from 'node:worker_threads';
import { analyseChunks, lintPart, sentChunks, summariseChunks, summariseFile } from '../engine';
import type { FilePart } from '../engine';
import type { SummaryReply, SummaryRequest } from './summaryPool';

const kept = new Map<number, FilePart>();

const port = parentPort;
port?.on('message', (request: SummaryRequest) => {
  let reply: SummaryReply;
  try {
    reply = replyTo(request);
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});

function replyTo(request: SummaryRequest): SummaryReply {
  const { id } = request;
  if ('part' in request) {
    const part = kept.get(request.part);
    kept.delete(request.part);
    if (!('lint' in request)) return { id, findings: [] };
    if (!part) throw new Error(`no part ${request.part} kept`);
    return { id, findings: lintPart(part, request.lint) };
  }
  const { file, options, range } = request;
  if (range && request.keep) {
    const part = analyseChunks(file, options, range);
    kept.set(id, part);
    return { id, chunks: sentChunks(part) };
  }
  if (range) return { id, chunks: summariseChunks(file, options, range) };
  const { text: _sentToUs, ...summary } = summariseFile(file, options);
  return { id, summary };
}
