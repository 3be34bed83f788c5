// The language server's entry (`node server/out/server.js --stdio`): wiring only. Each feature lives
// in its own module and maps engine results to LSP types; see DESIGN.md for the contract.
import path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import {
  ChangedPairsRequestType,
  ChangesRequestType,
  ExplainRequestType,
  IntentRequestType,
  MatrixCellRequestType,
  MatrixRequestType,
  PortsMatrixRequestType,
  TopologyRequestType,
  TraceRequestType,
} from '../protocol/requests';
import type { TopologyResult } from '../protocol/requests';
import { withChangeLenses } from './changeLens';
import { ChangesService } from './changes';
import { codeActions, isWithin } from './codeActions';
import { codeLenses } from './codeLens';
import { completion } from './completion';
import { definition } from './definition';
import { syncDocuments } from './documentSync';
import { hover } from './hover';
import { Indexer } from './indexer';
import { intentProposal } from './intent';
import { intentActions, RecentDrop } from './intentActions';
import type { Progress } from './indexer';
import { Lifecycle } from './lifecycle';
import { errorLog, guard, guardAsyncRequest, guardRequest } from './log';
import { ModelChannel } from './modelChannel';
import { explain, matrix, matrixCell, portsMatrix, topologyView, trace } from './netpolRequests';
import { PerSnapshot } from './perSnapshot';
import { ServerState } from './state';
import { workerChoice } from '../node/fillWorkspace';
import { SummaryPool } from '../node/summaryPool';
import { documentSymbols } from './symbols';
import { canonicalUri } from './uris';
import { Validator } from './validation';

const connection = createConnection();
const log = errorLog(connection);
const state = new ServerState();
const model = new ModelChannel(connection, state, log);
const validator = new Validator(state, {
  publish: (uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, version }),
  modelChanged: () => model.changed(),
  error: log,
});
const { workers, costs } = workerChoice();
/** Started now, so that the workers have loaded the engine by the time indexing begins. */
const pool = new SummaryPool(path.join(__dirname, 'summaryWorker.js'), workers ?? SummaryPool.defaultSize());
const indexer: Indexer = new Indexer(
  state,
  validator,
  {
    startProgress: (title): Promise<Progress> => lifecycle.startProgress(title),
    log: (message) => connection.console.warn(message),
  },
  pool,
  costs.minimum,
);
const lifecycle: Lifecycle = new Lifecycle(connection, state, validator, indexer, log);
void lifecycle.ready.then(() => model.indexingEnded());
const client = { documentChanges: false, snippets: false };
const changes = new ChangesService(state);
const drops = new RecentDrop();
let indexed = false;
void lifecycle.ready.then(() => (indexed = true));

connection.onInitialize((params) => {
  client.documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
  client.snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  model.codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  return lifecycle.initialize(params);
});
connection.onInitialized(
  () => void lifecycle.initialized().catch((err: unknown) => log('initialization', err)),
);
connection.onDidChangeConfiguration(
  (params) => void lifecycle.configurationChanged(params).catch((err: unknown) => log('settings', err)),
);
connection.onDidChangeWatchedFiles((params) => void indexer.filesChanged(params.changes));
syncDocuments(connection, state, validator, indexer, log);

/** The analysis of a document, brought up to date with the editor's text first. */
function current(uri: string) {
  validator.ensureCurrent(uri);
  return state.analysis(canonicalUri(uri));
}

/** How long a hover asked while the workspace is being indexed waits for the index before answering. */
const HOVER_INDEX_WAIT_MS = 1500;

/**
 * Whether the workspace is indexed (the first index, and any full index asked for since), waiting at
 * most `ms` for it: an answer made earlier would miss files read but not yet in the model.
 */
async function indexedWithin(ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = indexer.indexed().then(() => true as const);
  const result = await Promise.race([done, late]);
  clearTimeout(timer);
  return result;
}

connection.onHover(async (p) => {
  const indexing = !(await indexedWithin(HOVER_INDEX_WAIT_MS));
  return guard(log, 'hover', null, () => hover(state, current(p.textDocument.uri), p.position, indexing))();
});
connection.onCompletion(
  guard(log, 'completion', [], (p) => completion(state, current(p.textDocument.uri), p.position, client)),
);
connection.onCodeAction(
  guard(log, 'codeAction', [], (p) => {
    validator.ensureCurrent(p.textDocument.uri);
    const wanted = (kind: string) => !p.context.only || p.context.only.some((k) => isWithin(kind, k));
    const a = state.analysis(canonicalUri(p.textDocument.uri));
    const intents = intentActions(a, state.engine.topology(), p.range, drops.last, wanted);
    return [...codeActions(state, p, client), ...intents];
  }),
);
connection.onCodeLens(async (p) => {
  const uri = p.textDocument.uri;
  const lenses = guard(log, 'codeLens', [], () => codeLenses(state, current(uri), uri))();
  return indexed && lenses.length ? withChangeLenses(lenses, changes, canonicalUri(uri), log) : lenses;
});
connection.onDocumentSymbol(
  guard(log, 'documentSymbol', [], (p) => {
    const a = current(p.textDocument.uri);
    return a ? documentSymbols(a.parsed) : [];
  }),
);
connection.onDefinition(
  guard(log, 'definition', [], (p) => definition(state, current(p.textDocument.uri), p.position)),
);

/** Whole-cluster requests wait for the first index: before it, the model is not the workspace's yet. */
function afterIndex<P, R>(what: string, handler: (params: P) => R): (params: P) => Promise<R> {
  const guarded = guardRequest(log, what, handler);
  return async (params) => {
    await lifecycle.ready;
    return guarded(params);
  };
}

connection.onRequest(
  TraceRequestType,
  afterIndex('netpol/trace', (p) => {
    const result = trace(state, p);
    drops.note(result);
    return result;
  }),
);
connection.onRequest(
  MatrixRequestType,
  afterIndex('netpol/matrix', (p) => matrix(state, p)),
);
connection.onRequest(
  PortsMatrixRequestType,
  afterIndex('netpol/portsMatrix', (p) => portsMatrix(state, p)),
);
connection.onRequest(
  MatrixCellRequestType,
  afterIndex('netpol/matrixCell', (p) => matrixCell(state, p)),
);
const servedTopology = new PerSnapshot<TopologyResult>();
connection.onRequest(
  TopologyRequestType,
  afterIndex('netpol/topology', () => servedTopology.get(state.engine.topology(), () => topologyView(state))),
);
connection.onRequest(
  ChangesRequestType,
  guardAsyncRequest(log, 'netpol/changes', async (p) => {
    await lifecycle.ready;
    validator.flushPending();
    return changes.result(p);
  }),
);
connection.onRequest(
  ChangedPairsRequestType,
  guardAsyncRequest(log, 'netpol/changedPairs', async (p) => {
    await lifecycle.ready;
    validator.flushPending();
    return changes.pairs(p);
  }),
);
connection.onRequest(
  IntentRequestType,
  afterIndex('netpol/intent', (p) => {
    validator.flushPending();
    return intentProposal(state, p, client);
  }),
);
connection.onRequest(
  ExplainRequestType,
  guardRequest(log, 'netpol/explain', (p) => explain(state, current(p.uri), p.position)),
);

// Last line of defence: a bug in a handler is logged, the server keeps serving.
process.on('uncaughtException', (err) => log('uncaught exception', err));
process.on('unhandledRejection', (err) => log('unhandled rejection', err));

connection.listen();
