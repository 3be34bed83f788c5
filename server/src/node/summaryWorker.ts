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
    const { id, file, options, range } = request;
    if (range) reply = { id, chunks: summariseChunks(file, options, range) };
    else {
      const { text: _sentToUs, ...summary } = summariseFile(file, options);
      reply = { id, summary };
    }
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
