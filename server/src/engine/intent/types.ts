// What a user wants (an intent) and what the engine proposes for it: edits of the workspace's files,
// with the proof of their effect on reachability. Plain data, shared by the CLI and the editor.
import type { Pod } from '../model';
import type { Finding, Protocol, TextEdit } from '../types';

/** One side of a connection: some pods (a pod, or every replica of a workload), or addresses outside them. */
export type Endpoint =
  | {
      kind: 'pods';
      /** `ns/name` of the pod, or `Kind/ns/name` of the workload. */
      label: string;
      namespace: string;
      pods: readonly Pod[];
      /** The workload's selector labels when it has them (a Deployment's `spec.selector.matchLabels`). */
      selectorLabels?: Readonly<Record<string, string>>;
    }
  | { kind: 'address'; label: string; cidr: string; ip: string };

/** Which ports an intent is about: one port of one protocol, every port of one protocol, or everything. */
export interface IntentPorts {
  port?: number;
  protocol?: Protocol;
}

export interface ConnectionIntent extends IntentPorts {
  action: 'allow' | 'deny';
  from: Endpoint;
  to: Endpoint;
}

/** The edits of one file. */
export interface FileEdit {
  file: string;
  edits: TextEdit[];
}

/** One connection between two pods (`ns/name`) on one port. */
export interface Connection {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
}

export interface ReachabilityChanges {
  added: Connection[];
  removed: Connection[];
}

/** What re-analysing the workspace with the edits applied showed. */
export interface Proof {
  /** The connections the intent asked to change that did change. */
  intended: Connection[];
  /** Connections the intent asked to change that did not (empty when the proposal works). */
  missed: Connection[];
  /** Every other change: empty for an exact allow or deny. */
  other: ReachabilityChanges;
  /** The ports every pair of pods was compared on. */
  checked: { port: number; protocol: Protocol }[];
  /** Errors the edited files have that they did not have before (none for a valid proposal). */
  errors: Finding[];
}

export interface Proposal {
  /** One line: what the edit does ("add web (storefront) to ingress rule 1 of data/postgres"). */
  title: string;
  /** Each step of the edit, in words. */
  steps: string[];
  files: FileEdit[];
  proof: Proof;
  /**
   * Pods the chosen selectors admit beyond the intent (`ns/name`), which the proof's `other` changes
   * are about; empty when the proposal is exact.
   */
  widened: string[];
  /** What the user should know about the intent itself (a Service's port asked on its pods). */
  notes: string[];
  /** The same intent with narrower selectors, when the chosen ones admit other pods and narrower ones exist. */
  narrower?: Proposal;
}

export type IntentResult =
  | { ok: true; proposal: Proposal }
  /** `notes` as a proposal's: what the user should know about the intent asked. */
  | { ok: false; reason: string; notes?: string[] };
