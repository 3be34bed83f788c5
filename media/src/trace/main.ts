// Entry of the trace webview: wires the app to the extension (it sends `ready`, then gets data).
import type { TraceViewState } from '../../../server/src/protocol/webview';
import { byId, connect, prefersReducedMotion } from '../shared/browser';
import { TraceApp } from './app';

const root = byId('app');
const app = new TraceApp(root, prefersReducedMotion());
app.attach(connect<TraceViewState>(root, (message) => app.receive(message)));
