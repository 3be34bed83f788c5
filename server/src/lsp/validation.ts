// When diagnostics are computed and published. An edit re-analyses only its document (and there only
// the YAML documents it touched), after a per-document debounce that follows how long the document
// took to validate last time; when the edit changed what the document contributes to the topology, the
// documents whose lints depend on the topology (open documents, closed policy files) are re-published
// in chunks that yield to the event loop, and a newer change abandons an older pass. Results for an
// older document version are never published.
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine';
import { writeFixes } from '../engine';
import { toDiagnostic } from './diagnostics';
import type { ServerState } from './state';

/** The longest wait after an edit before validating: edits closer together are validated once. */
export const DEBOUNCE_MS = 200;
/** The shortest wait, for documents that validate in a few milliseconds. */
export const MIN_DEBOUNCE_MS = 50;

export interface ValidationOutput {
  publish(uri: string, diagnostics: Diagnostic[], version: number | undefined): void;
  modelChanged(version: number): void;
  error(message: string, err: unknown): void;
}

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** URIs whose last publication was not empty (so that clearing them is needed). */
  private readonly nonEmpty = new Set<string>();
  /** How long each open document's last validation took (ms). */
  private readonly lastRun = new Map<string, number>();
  private refreshPass = 0;
  private refreshRunning: Promise<void> | undefined;

  constructor(
    private readonly state: ServerState,
    private readonly out: ValidationOutput,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /** An open document changed: validate it once the edits pause. */
  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        try {
          this.validateNow(uri);
        } catch (err) {
          this.out.error(`validating ${uri} failed`, err);
        }
      }, this.debounceFor(uri)),
    );
  }

  private debounceFor(uri: string): number {
    return debounceAfter(this.lastRun.get(uri), this.debounceMs);
  }

  /** Brings the engine up to date with every open document whose edits wait (before a request reads the whole model). */
  flushPending(): void {
    for (const [uri, timer] of [...this.timers]) {
      clearTimeout(timer);
      this.timers.delete(uri);
      this.ensureCurrent(uri);
    }
  }

  /** Brings the engine up to date with an open document now (before a request reads it). */
  ensureCurrent(uri: string): void {
    const doc = this.state.open.get(uri);
    if (doc && this.state.analysedVersion(doc.uri) !== doc.version) this.validateNow(doc.uri);
  }

  validateNow(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const doc = this.state.open.get(uri);
    if (!doc) return;
    const started = performance.now();
    const change = this.state.setOpenText(doc.uri, doc.getText(), doc.version);
    this.send(doc.uri, change.findings(), doc.version);
    this.lastRun.set(doc.uri, performance.now() - started);
    if (change.topology) void this.refreshDependents(doc.uri);
  }

  /** A document closed: its pending validation is dropped. */
  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.lastRun.delete(uri);
  }

  /** Publishes a document's current findings, or clears them when it no longer gets any. */
  publish(uri: string): void {
    const open = this.state.open.get(uri);
    const version = this.state.analysedVersion(uri);
    if (open && version !== open.version) return; // a newer version is pending; it will publish
    if (!open && !this.state.publishesWhenClosed(uri)) return this.clear(uri);
    this.send(uri, this.state.findings(uri), version);
  }

  private send(uri: string, findings: readonly Finding[], version: number | undefined): void {
    const diagnostics = findings.map(toDiagnostic);
    if (diagnostics.length) this.nonEmpty.add(uri);
    else this.nonEmpty.delete(uri);
    this.out.publish(uri, diagnostics, version);
    // Quick fixes are written lazily: once the diagnostics are out, so that the analysis they read
    // is not kept alive by the findings the next versions reuse.
    setImmediate(() => writeFixes(findings));
  }

  /** Removes a document's diagnostics; an open document always gets an (empty) publication. */
  clear(uri: string): void {
    if (!this.nonEmpty.delete(uri) && !this.state.open.has(uri)) return;
    this.out.publish(uri, [], this.state.analysedVersion(uri));
  }

  /**
   * The topology changed: every document whose lints read it is re-published. Runs in chunks; a
   * newer call supersedes a running pass, which stops at its next chunk.
   */
  refreshDependents(except?: string): Promise<void> {
    const pass = ++this.refreshPass;
    this.out.modelChanged(this.state.modelVersion);
    const run = (this.refreshRunning ?? Promise.resolve())
      .then(() => this.refresh(pass, except))
      .catch((err: unknown) => this.out.error('re-validation failed', err));
    this.refreshRunning = run;
    return run;
  }

  private async refresh(pass: number, except: string | undefined): Promise<void> {
    const uris = new Set([...this.state.open.uris(), ...this.state.closedPublished(), ...this.nonEmpty]);
    if (except !== undefined) uris.delete(except);
    for (const uri of uris) {
      if (pass !== this.refreshPass) return;
      this.publish(uri);
      await yieldToEventLoop();
    }
  }
}

/**
 * The wait after an edit: twice the document's last validation time, within MIN_DEBOUNCE_MS and
 * `longest`. A document that validates in 5 ms gets diagnostics 50 ms after the last keystroke,
 * while one that takes 100 ms waits 200 ms, so that typing does not keep the server busy.
 */
export function debounceAfter(lastValidationMs: number | undefined, longest = DEBOUNCE_MS): number {
  if (lastValidationMs === undefined) return longest;
  return Math.min(longest, Math.max(Math.min(MIN_DEBOUNCE_MS, longest), 2 * lastValidationMs));
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
