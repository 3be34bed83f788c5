// Entry of the reachability matrix webview.
import type { MatrixViewState } from '../protocol';
import { byId, connect } from '../shared/browser';
import { MatrixApp } from './app';

const app = new MatrixApp(byId('app'));
app.attach(connect<MatrixViewState>((message) => app.receive(message)));
