// What the server knows: the open documents, the files read from disk (workspace folders and the
// extra topology paths) and where each was found, the settings, and the engine workspace, which
// analyses each file, says what each change changed and keeps the model version. Keyed by canonical
// URI; the engine's file identity is the URI, so findings point at URIs.
import { Workspace } from '../engine';
import type { AnalysisOptions, FileAnalysis, FileChange, FileSummary, Finding } from '../engine';
import { OpenDocuments } from './openDocuments';
import { DEFAULT_SETTINGS, engineOptions } from './settings';
import type { Settings } from './settings';

/** Where a file on disk was found: a workspace folder (diagnostics published) or an extra topology path. */
export type Origin = 'folder' | 'extra';

export class ServerState {
  readonly open = new OpenDocuments();
  settings: Settings = DEFAULT_SETTINGS;
  readonly engine = new Workspace(engineOptions(DEFAULT_SETTINGS), { trackChanges: true });
  /** Workspace folders as file-system paths. */
  folders: string[] = [];
  private readonly disk = new Map<string, Origin>();

  /** Sent with netpol/modelChanged; moves whenever the topology may have changed. */
  get modelVersion(): number {
    return this.engine.modelVersion;
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    this.engine.setOptions(engineOptions(settings));
  }

  /** Hands an open document's text to the engine. */
  setOpenText(uri: string, text: string, version: number): FileChange {
    return this.engine.setOpenFile({ path: uri, text }, version);
  }

  /** A file read from disk; ignored by the engine while the document is open (its text wins). */
  setDiskText(uri: string, text: string, origin: Origin): boolean {
    this.noteDisk(uri, origin);
    return this.engine.setFile({ path: uri, text }).topology;
  }

  /**
   * Whether a file read from disk can be summarised in a worker (node/summaryPool.ts) and handed over
   * with setDiskSummary: it is not open and the engine would keep no trees of it.
   */
  summarisable(uri: string, text: string): boolean {
    return !this.open.has(uri) && this.engine.summarisable({ path: uri, text });
  }

  /** The options a summary made in a worker must be made with. */
  summaryOptions(): AnalysisOptions {
    return this.engine.summaryOptions();
  }

  /**
   * A file read from disk and summarised in a worker with `options`: as setDiskText. A summary made
   * with other options than the current ones (the settings changed meanwhile) is made again here.
   */
  setDiskSummary(summary: FileSummary, options: AnalysisOptions, origin: Origin): boolean {
    if (JSON.stringify(options) !== JSON.stringify(this.summaryOptions()))
      return this.setDiskText(summary.path, summary.text, origin);
    this.noteDisk(summary.path, origin);
    return this.engine.setSummary(summary).topology;
  }

  /** A file on disk too large to read: it only carries its information finding. */
  setSkipped(uri: string, finding: Finding, origin: Origin): boolean {
    this.noteDisk(uri, origin);
    return this.engine.skipFile(uri, finding).topology;
  }

  /** The file left the disk sources (deleted, folder removed); the engine keeps an open document. */
  removeDisk(uri: string): boolean {
    this.disk.delete(uri);
    return this.engine.removeFile(uri).topology;
  }

  /** A closed document that is not on disk leaves the model. */
  forgetClosed(uri: string): boolean {
    this.engine.closeFile(uri);
    return this.disk.has(uri) ? false : this.engine.removeFile(uri).topology;
  }

  originOf(uri: string): Origin | undefined {
    return this.disk.get(uri);
  }

  diskUris(origin: Origin): string[] {
    return [...this.disk].filter(([, o]) => o === origin).map(([uri]) => uri);
  }

  /** The open document version the engine's analysis was made from (undefined when not open). */
  analysedVersion(uri: string): number | undefined {
    return this.open.has(uri) ? this.engine.openVersion(uri) : undefined;
  }

  analysis(uri: string): FileAnalysis | undefined {
    return this.engine.file(uri);
  }

  findings(uri: string): Finding[] {
    return this.engine.findings(uri);
  }

  /** The workspace files that get diagnostics while closed. */
  closedPublished(): string[] {
    return [...this.disk.keys()].filter((uri) => !this.open.has(uri) && this.publishesWhenClosed(uri));
  }

  /** Closed workspace-folder files get diagnostics only when they hold NetworkPolicies or were skipped. */
  publishesWhenClosed(uri: string): boolean {
    return this.disk.get(uri) === 'folder' && this.engine.reportsWhenClosed(uri);
  }

  private noteDisk(uri: string, origin: Origin): void {
    if (this.disk.get(uri) !== 'folder') this.disk.set(uri, origin);
  }
}
