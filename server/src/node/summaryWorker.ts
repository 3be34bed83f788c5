// The entry of a summary worker thread (server/out/summaryWorker.js): summarises the files the main
// thread sends (summaryPool.ts) with the engine's summariseFile and sends back the summaries, plain
// data (findings and the objects' facts, no YAML tree). The engine is pure: the result is the one
// the main thread would have computed.
import { parentPort } from 'node:worker_threads';
import { summariseFile } from '../engine';
import type { SummaryReply, SummaryRequest } from './summaryPool';

const port = parentPort;
port?.on('message', (request: SummaryRequest) => {
  let reply: SummaryReply;
  try {
    reply = { id: request.id, summary: summariseFile(request.file, request.options) };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
