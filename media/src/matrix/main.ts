// Entry of the reachability matrix webview.
import type { MatrixViewState } from '../../../server/src/protocol/webview';
import { byId, connect } from '../shared/browser';
import { MatrixApp } from './app';

const root = byId('app');
const app = new MatrixApp(root);
app.attach(connect<MatrixViewState>(root, (message) => app.receive(message)));
