// Evaluates the policies once per pair of equivalence classes: each rule becomes a set of peer
// classes and a set of destination classes its ports admit; a class's ingress (egress) allowance is
// the union of its isolating policies' rules. The result is a class × class table of verdicts.
import { pushTo } from '../lists';
import { namespaceLabels } from '../matching';
import { portInRange } from '../reachability';
import type { NetworkPolicy, Peer, PolicyRule, Topology } from '../model';
import { selectorMatches } from '../selectors';
import type { Direction, Protocol } from '../types';
import { BitSet } from './bitset';
import type { Features, PodClass } from './classes';
import { ipBlockKey } from './classes';

/** One direction of a class-pair verdict, as reasons need it. */
export interface ClassDirection {
  /** The policies isolating the enforcing class (the destination for ingress, the source for egress). */
  isolating: readonly NetworkPolicy[];
  /** The first rule (in policy order) that admits the connection; undefined when none does. */
  allowedBy: { policy: NetworkPolicy; ruleIndex: number } | undefined;
}

interface RuleSets {
  /** Peer classes the rule admits; null = every peer. */
  peers: BitSet | null;
  /** Destination classes the rule's ports admit; null = every destination. */
  ports: BitSet | null;
}

export class ClassVerdicts {
  private readonly size: number;
  private readonly byNamespace = new Map<string, PodClass[]>();
  private readonly ruleSets = new Map<PolicyRule, RuleSets>();
  private readonly blockClasses: BitSet[];
  private isolated: { ingress: NetworkPolicy[][]; egress: NetworkPolicy[][] } | undefined;
  private readonly ingressSets = new Map<number, BitSet | null>();
  private readonly egressSets = new Map<number, BitSet | null>();

  constructor(
    private readonly topology: Topology,
    private readonly classes: readonly PodClass[],
    private readonly features: Features,
    private readonly port: number,
    private readonly protocol: Protocol,
  ) {
    this.size = classes.length;
    for (const c of classes) pushTo(this.byNamespace, c.rep.namespace, c);
    this.blockClasses = features.ipBlocks.map(() => new BitSet(this.size));
    for (const c of classes) for (const b of c.ipBlocks) this.blockClasses[b]!.add(c.id);
  }

  /** `table[src * classes + dst]` is 1 when the policies allow src → dst (self traffic aside). */
  table(): Uint8Array {
    const { ingress, egress } = this.isolation();
    const ingressSets = this.classes.map((c) => this.ingressAllowed(c, ingress[c.id]!));
    const egressSets = this.classes.map((c) => this.egressAllowed(egress[c.id]!));
    const n = this.size;
    const out = new Uint8Array(n * n);
    for (let s = 0; s < n; s++) {
      const eg = egressSets[s]!;
      for (let d = 0; d < n; d++) {
        const ing = ingressSets[d]!;
        if ((eg === null || eg.has(d)) && (ing === null || ing.has(s))) out[s * n + d] = 1;
      }
    }
    return out;
  }

  /**
   * One cell of the table, computing only the allowances of the two classes (once each): for callers
   * that look at a few rows or columns.
   */
  allows(src: number, dst: number): boolean {
    return this.ingressAllows(src, dst) && this.egressAllows(src, dst);
  }

  /** The destination's ingress admits the source (or does not isolate it). */
  ingressAllows(src: number, dst: number): boolean {
    let ing = this.ingressSets.get(dst);
    if (ing === undefined)
      this.ingressSets.set(
        dst,
        (ing = this.ingressAllowed(this.classes[dst]!, this.isolation().ingress[dst]!)),
      );
    return ing === null || ing.has(src);
  }

  /** The source's egress admits the destination (or does not isolate it). */
  egressAllows(src: number, dst: number): boolean {
    let eg = this.egressSets.get(src);
    if (eg === undefined) this.egressSets.set(src, (eg = this.egressAllowed(this.isolation().egress[src]!)));
    return eg === null || eg.has(dst);
  }

  /** The policies isolating a class for a direction (the same array every time). */
  isolating(direction: Direction, cls: number): readonly NetworkPolicy[] {
    return this.isolation()[direction][cls]!;
  }

  /**
   * Why src → dst is allowed or not, per direction: the isolating policies and the first admitting
   * rule. Exact for every pod pair of the two classes, as the table is.
   */
  explain(src: number, dst: number): { ingress: ClassDirection; egress: ClassDirection } {
    const { ingress, egress } = this.isolation();
    return {
      ingress: direction(ingress[dst]!, (p) => p.ingress, this.admits(src, dst)),
      egress: direction(egress[src]!, (p) => p.egress, this.admits(dst, dst)),
    };
  }

  /**
   * Every ingress rule of the destination's isolating policies that admits the source (policy order,
   * then rule order), as evaluateConnection lists them for any pod pair of the two classes.
   */
  ingressRules(src: number, dst: number): { policy: NetworkPolicy; ruleIndex: number }[] {
    const admits = this.admits(src, dst);
    const out: { policy: NetworkPolicy; ruleIndex: number }[] = [];
    for (const policy of this.isolation().ingress[dst]!)
      policy.ingress.forEach((rule, ruleIndex) => {
        if (admits(rule, policy.namespace)) out.push({ policy, ruleIndex });
      });
    return out;
  }

  /** A rule admits the connection when its ports admit dst and its peers hold the other end. */
  private admits(peer: number, dst: number): (rule: PolicyRule, policyNamespace: string) => boolean {
    return (rule, policyNamespace) => {
      const { peers, ports } = this.rule(rule, policyNamespace);
      return (ports === null || ports.has(dst)) && (peers === null || peers.has(peer));
    };
  }

  /** The policies isolating each class, per direction (computed once). */
  private isolation(): { ingress: NetworkPolicy[][]; egress: NetworkPolicy[][] } {
    return (this.isolated ??= this.isolate());
  }

  private isolate(): { ingress: NetworkPolicy[][]; egress: NetworkPolicy[][] } {
    const ingress = this.classes.map((): NetworkPolicy[] => []);
    const egress = this.classes.map((): NetworkPolicy[] => []);
    for (const policy of this.topology.policies) {
      const isIngress = policy.policyTypes.includes('Ingress');
      const isEgress = policy.policyTypes.includes('Egress');
      if (!isIngress && !isEgress) continue;
      for (const c of this.byNamespace.get(policy.namespace) ?? []) {
        if (!selectorMatches(policy.podSelector, c.rep.labels)) continue;
        if (isIngress) ingress[c.id]!.push(policy);
        if (isEgress) egress[c.id]!.push(policy);
      }
    }
    return { ingress, egress };
  }

  private ingressAllowed(dst: PodClass, policies: readonly NetworkPolicy[]): BitSet | null {
    if (!policies.length) return null;
    const out = new BitSet(this.size);
    for (const policy of policies) {
      for (const rule of policy.ingress) {
        const sets = this.rule(rule, policy.namespace);
        if (sets.ports !== null && !sets.ports.has(dst.id)) continue;
        if (sets.peers === null) return null;
        out.union(sets.peers);
      }
    }
    return out;
  }

  private egressAllowed(policies: readonly NetworkPolicy[]): BitSet | null {
    if (!policies.length) return null;
    const out = new BitSet(this.size);
    for (const policy of policies) {
      for (const rule of policy.egress) {
        const { peers, ports } = this.rule(rule, policy.namespace);
        if (peers === null && ports === null) return null;
        if (peers === null) out.union(ports!);
        else if (ports === null) out.union(peers);
        else out.unionIntersection(peers, ports);
      }
    }
    return out;
  }

  private rule(rule: PolicyRule, policyNamespace: string): RuleSets {
    let sets = this.ruleSets.get(rule);
    if (!sets) {
      sets = { peers: this.peerSet(rule, policyNamespace), ports: this.portSet(rule) };
      this.ruleSets.set(rule, sets);
    }
    return sets;
  }

  private peerSet(rule: PolicyRule, policyNamespace: string): BitSet | null {
    if (!rule.peers?.length) return null;
    const out = new BitSet(this.size);
    for (const peer of rule.peers) this.addPeer(out, peer, policyNamespace);
    return out;
  }

  private addPeer(out: BitSet, peer: Peer, policyNamespace: string): void {
    if (peer.ipBlock) {
      const index = this.features.ipBlockIndex.get(ipBlockKey(peer.ipBlock));
      if (index !== undefined) out.union(this.blockClasses[index]!);
      return;
    }
    if (!peer.podSelector && !peer.namespaceSelector) return;
    const namespaces = peer.namespaceSelector
      ? [...this.byNamespace.keys()].filter((ns) =>
          selectorMatches(peer.namespaceSelector!, namespaceLabels(this.topology, ns)),
        )
      : [policyNamespace];
    for (const ns of namespaces) {
      for (const c of this.byNamespace.get(ns) ?? []) {
        if (!peer.podSelector || selectorMatches(peer.podSelector, c.rep.labels)) out.add(c.id);
      }
    }
  }

  /** Destination classes on which the rule's ports admit the matrix port; null = all of them. */
  private portSet(rule: PolicyRule): BitSet | null {
    if (!rule.ports?.length) return null;
    const names = new Set<string>();
    for (const p of rule.ports) {
      if (p.protocol !== this.protocol) continue;
      if (p.port === undefined) return null;
      if (typeof p.port === 'string') names.add(p.port);
      else if (portInRange(p, this.port)) return null;
    }
    const out = new BitSet(this.size);
    if (names.size === 0) return out;
    for (const c of this.classes) {
      for (const name of c.portNames) {
        if (names.has(name)) {
          out.add(c.id);
          break;
        }
      }
    }
    return out;
  }
}

function direction(
  isolating: readonly NetworkPolicy[],
  rulesOf: (p: NetworkPolicy) => readonly PolicyRule[],
  admits: (rule: PolicyRule, policyNamespace: string) => boolean,
): ClassDirection {
  for (const policy of isolating) {
    const ruleIndex = rulesOf(policy).findIndex((r) => admits(r, policy.namespace));
    if (ruleIndex >= 0) return { isolating, allowedBy: { policy, ruleIndex } };
  }
  return { isolating, allowedBy: undefined };
}
