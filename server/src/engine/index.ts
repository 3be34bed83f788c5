// The engine as the language server sees it: the one module `server/src/lsp/**` imports (ESLint
// enforces it). The workspace and its analyses, the model and its questions (matching, reachability,
// traces, explanations), the language features' entry (language/), and the source types the
// converters read. What is not here is the engine's own business.

// The workspace: files in, analyses, topology and findings out.
export { summariseChunks, summariseFile } from './analysis';
export { joinSummary, summaryRanges } from './summaryParts';
export type { ChunkRange, ChunkSummary } from './summaryParts';
export { Workspace } from './workspace';
export type {
  AnalysisOptions,
  EngineOptions,
  FileAnalysis,
  FileChange,
  FileSummary,
  KubectlWorkflow,
} from './workspace';
export { objectAt } from './parse/documents';
export { writeFixes } from './quickFix';
export { DEFAULT_MAX_FILE_SIZE } from './parse/rules/fileTooLarge';
export type { ManifestObject, ParsedFile } from './parse/types';
export { PROTOCOLS } from './types';
export type { Direction, Finding, Fix, Position, Protocol, Severity, TextEdit } from './types';
export { isMap, pairOf, valueOf } from './yamlTree';
export type { Span } from './yamlTree';

// The model and what it answers.
export { podKey } from './model';
export type { NetworkPolicy, Pod, PolicyRule, Topology } from './model';
export { policyFromObject } from './policies';
export { describeSelector } from './selectors';
export type { MatchResult } from './matching';
export { cellWithoutVerdict, computeMatrix, explainCell } from './matrix';
export { computePortsMatrix } from './portsMatrix';
export { MATRIX_MODES, explainDeclaredCell, viewMatrix } from './matrixView';
export type { MatrixMode } from './matrixView';
export { connectionsOf, diffReachability } from './diff';
export type { Cause, ChangeGroup, DiffOptions, ReachabilityDiff } from './diff';
export { countsByPolicy, policiesOf as diffPoliciesOf } from './diff/attribution';
export { editedPolicies } from './diff/scope';
export { idleMessage, idleRef, workloadsOf } from './workloadRefs';
export { parseCidr } from './ipv4';
export { DEFAULT_SERVICE_CIDR, servicesOf } from './services';
export type { ServicePort } from './services';
export { describeService } from './services/describe';
export type { PortReach, ServiceDescription } from './services/describe';
export { explainPolicy, ruleSummary } from './explain';
export type { PolicyExplanation } from './explain';
export { traceConnection } from './dataplane';

// Intent edits: allow, deny, isolate a namespace, tighten a policy; each proposal with its preview.
export {
  canTighten,
  connectionText,
  isolatedDirections,
  proposeConnection,
  proposeIsolation,
  proposeTightening,
  intentFor,
} from './intent';
export type { Connection, ConnectionIntent, IsolationIntent, Proposal } from './intent';
export { previewOf } from './intent/preview';
export { applyEdits } from './edits';
export type { PreviewGroup, ProposalPreview } from './intent/preview';
export type { Trace, TraceError, TraceRequest } from './dataplane/types';

// The language features: what is at a position and what the model says of it, what may be typed
// there, each policy's counts, where a label is defined.
export * from './language';
