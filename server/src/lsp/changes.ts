// `netpol/changes`: the reachability changes of the workspace as edited (the engine's live model)
// against git HEAD of each workspace folder's repository, read with git itself (node/gitRevision.ts),
// so any editor's client can ask. The base is analysed once per HEAD commit; the result is computed
// once per model version (and parameters), and shared by the request and the CodeLens.
import path from 'node:path';
import {
  connectionsOf,
  countsByPolicy,
  diffPoliciesOf,
  diffReachability,
  editedPolicies,
  podKey,
  Workspace,
} from '../engine';
import type { Cause, ChangeGroup, DiffOptions, NetworkPolicy, ReachabilityDiff, Topology } from '../engine';
import { GitProblem, NotARepository, readRevision, repositoryRoot, resolveCommit } from '../node/gitRevision';
import type {
  ChangedPairsParams,
  ChangedPairsResult,
  ChangeLink,
  ChangesParams,
  ChangesResult,
} from '../protocol/requests';
import { changesParams } from '../protocol/requestParams';
import { reject } from '../protocol/checked';
import { valid } from './checkedParams';
import { engineOptions } from './settings';
import type { ServerState } from './state';
import { isInside, pathToUri, uriToPath } from './uris';

const DEFAULT_MAX_GROUPS = 200;

interface Repo {
  folder: string;
  commit: string;
}

interface Base {
  key: string;
  topology: Topology;
  filesWithErrors: string[];
  outside: ReadonlyMap<string, string>;
}

export class ChangesService {
  private base: Base | undefined;
  /** Repository roots of folders found to be in one (a folder not in one is asked again each time). */
  private readonly roots = new Map<string, string>();
  private cached: { key: string; result: Promise<ChangesResult> } | undefined;

  constructor(private readonly state: ServerState) {}

  /** The changes for the current model; concurrent callers of one model version share the work. */
  async result(params: ChangesParams | null): Promise<ChangesResult> {
    const options = checked(params);
    const { repos, problems } = await this.repositories();
    if (!repos.length) return unavailable(this.state.modelVersion, problems);
    const key = JSON.stringify([this.state.modelVersion, repos, options]);
    if (this.cached?.key !== key) {
      const result = this.compute(repos, problems, options);
      this.cached = { key, result };
      result.catch(() => (this.cached = undefined));
    }
    return this.cached.result;
  }

  /** The pairs whose connection on one port changed, every one of them (a matrix shows them all). */
  async pairs(params: ChangedPairsParams): Promise<ChangedPairsResult> {
    const { diff: options } = checked(params);
    if (options.port === undefined) valid(reject('port must be an integer from 1 to 65535'));
    const { repos, problems } = await this.repositories();
    if (!repos.length) {
      const { message } = unavailable(this.state.modelVersion, problems);
      return { available: false, message, base: '', added: [], removed: [] };
    }
    const base = await this.baseFor(repos);
    const diff = diffReachability(base.topology, this.state.engine.topology(), options);
    const pairsOf = (kind: string) =>
      diff.groups
        .filter((g) => g.change === kind)
        .flatMap((g) => [...connectionsOf(g)].map((c): [string, string] => [c.from, c.to]));
    return {
      available: true,
      message: `${diff.added} added, ${diff.removed} removed connections vs HEAD`,
      base: repos.map((r) => `HEAD (${r.commit.slice(0, 7)})`).join(', '),
      added: pairsOf('added'),
      removed: pairsOf('removed'),
    };
  }

  private async repositories(): Promise<{ repos: Repo[]; problems: string[] }> {
    if (!this.state.folders.length) return { repos: [], problems: ['no workspace folder is open'] };
    const repos: Repo[] = [];
    const problems: string[] = [];
    for (const folder of this.state.folders) {
      try {
        const root = this.roots.get(folder) ?? (await repositoryRoot(folder));
        this.roots.set(folder, root);
        repos.push({ folder, commit: await resolveCommit(root, 'HEAD') });
      } catch (err) {
        if (!(err instanceof GitProblem)) throw err;
        problems.push(folderProblem(folder, err));
      }
    }
    return { repos, problems };
  }

  private async compute(repos: Repo[], problems: string[], options: Options): Promise<ChangesResult> {
    const version = this.state.modelVersion;
    const base = await this.baseFor(repos);
    const head = this.state.engine.topology();
    const diff = diffReachability(base.topology, head, options.diff);
    const label = repos.map((r) => `HEAD (${r.commit.slice(0, 7)})`).join(', ');
    const notes = [
      ...base.filesWithErrors.map(
        (f) => `HEAD: ${displayName(f)} has errors; objects with errors are left out`,
      ),
      ...problems,
    ];
    return {
      available: true,
      message: `${diff.added} added, ${diff.removed} removed, ${diff.unchanged} unchanged connections vs HEAD`,
      base: label,
      modelVersion: version,
      added: diff.added,
      removed: diff.removed,
      unchanged: diff.unchanged,
      pods: diff.pods,
      groups: diff.groups.slice(0, options.maxGroups).map((g) => ({ ...g, links: this.links(g, head) })),
      moreGroups: Math.max(0, diff.groups.length - options.maxGroups),
      policies: this.policyCounts(base.topology, head, diff),
      notes,
    };
  }

  /** HEAD's files of each folder, and the current text of files outside every repository folder. */
  private async baseFor(repos: readonly Repo[]): Promise<Base> {
    const folders = repos.map((r) => r.folder);
    const outside = new Map<string, string>();
    for (const uri of this.state.engine.paths()) {
      const p = uriToPath(uri);
      if (p === undefined || !folders.some((f) => isInside(f, p)))
        outside.set(uri, this.state.engine.summary(uri)!.text);
    }
    const key = JSON.stringify([repos, engineOptions(this.state.settings)]);
    if (this.base?.key === key && sameTexts(this.base.outside, outside)) return this.base;
    const workspace = new Workspace(engineOptions(this.state.settings));
    for (const [uri, text] of outside) workspace.setFile({ path: uri, text });
    for (const folder of folders) {
      const revision = await readRevision(folder, 'HEAD', ['.'], this.state.settings.maxFileSize);
      for (const f of revision.files)
        workspace.setFile({ path: pathToUri(path.join(revision.root, f.repoPath)), text: f.text });
    }
    const filesWithErrors = workspace
      .paths()
      .filter((p) => workspace.summary(p)!.findings.some((f) => f.severity === 'error'));
    this.base = { key, topology: workspace.topology(), filesWithErrors, outside };
    return this.base;
  }

  /** Where the rules and policies a group's causes name are written now. */
  private links(g: ChangeGroup, head: Topology): ChangeLink[] {
    const byKey = new Map(head.policies.map((p) => [podKey(p), p]));
    return g.causes.flatMap((c) =>
      [...new Set(diffPoliciesOf(c))].flatMap((key) => this.link(c, key, byKey.get(key))),
    );
  }

  private link(c: Cause, key: string, policy: NetworkPolicy | undefined): ChangeLink[] {
    if (!policy) return [];
    // The rule that now allows it, or (as edited now) the rule that no longer does.
    const named = c.kind === 'allowed-by' || (c.kind === 'no-longer-allowed' && c.policy === key);
    const rule = named ? policy[c.direction][c.rule - 1] : undefined;
    const range = this.state.engine.range(rule?.source ?? policy.source);
    if (!range) return [];
    const at = rule && named ? { rule: c.rule, direction: c.direction } : {};
    return [{ policy: key, ...at, uri: policy.source.file, range }];
  }

  private policyCounts(base: Topology, head: Topology, diff: ReachabilityDiff): ChangesResult['policies'] {
    const edited = editedPolicies(base, head);
    const counts = countsByPolicy(diff, new Set(edited.map(podKey)));
    return edited.flatMap((p) => {
      const range = this.state.engine.range(p.source);
      const c = counts.get(podKey(p))!;
      return range ? [{ policy: podKey(p), uri: p.source.file, range, ...c }] : [];
    });
  }
}

/** Why a folder has no HEAD to compare with, in the editor's words (the CLI's speak of `--git`). */
export function folderProblem(folder: string, err: GitProblem): string {
  if (err instanceof NotARepository)
    return `not inside a git repository: ${folder} (changes are counted from the last commit: run Initialize Repository in the Source Control view, then commit the manifests)`;
  if (/unknown revision/.test(err.message))
    return `${folder}: no commit yet (commit the manifests in the Source Control view; your edits are then compared with that commit)`;
  return err.message;
}

interface Options {
  diff: DiffOptions;
  maxGroups: number;
}

function checked(params: ChangesParams | null): Options {
  const { port, protocol, maxGroups } = valid(changesParams(params, DEFAULT_MAX_GROUPS));
  const diff: DiffOptions = {};
  if (port !== undefined) diff.port = port;
  if (protocol !== undefined) diff.protocol = protocol;
  return { diff, maxGroups };
}

function unavailable(modelVersion: number, problems: readonly string[]): ChangesResult {
  return {
    available: false,
    message: `No reachability changes to show: ${problems.join('; ')}.`,
    base: '',
    modelVersion,
    added: 0,
    removed: 0,
    unchanged: 0,
    pods: { added: [], removed: [] },
    groups: [],
    moreGroups: 0,
    policies: [],
    notes: [...problems],
  };
}

function sameTexts(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

const displayName = (uri: string): string => uriToPath(uri) ?? uri;
