// The entry of a summary worker thread (server/out/summaryWorker.js): summarises the files the main
// thread sends (summaryPool.ts) with the engine's summariseFile, or one range of a file's chunks with
// summariseChunks, and sends back the summaries, plain data (findings and the objects' facts; no YAML
// tree, and not the text, which the main thread has). The engine is pure: the result is the one the
// main thread would have computed.
import { parentPort } from 'node:worker_threads';
import { summariseChunks, summariseFile } from '../engine';
import type { SummaryReply, SummaryRequest } from './summaryPool';

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

function replyTo({ id, file, options, range }: SummaryRequest): SummaryReply {
  if (range) return { id, chunks: summariseChunks(file, options, range) };
  const { text: _sentToUs, ...summary } = summariseFile(file, options);
  return { id, summary };
}
