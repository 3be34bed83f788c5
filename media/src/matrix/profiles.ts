// Pods the matrix cannot tell apart (pure). Two pods in the same class on every port the view shows
// are treated alike by every policy, as sources; as destinations they must also declare the same
// ports. So a cell of many pods is summed up from how many pods of each profile it holds (a
// workload's replicas mostly share one), not pair by pair: with 1,900 pods that is millions of pairs.
import type { ViewMatrix } from '../../../server/src/protocol/requests';

export interface ProfileCount {
  count: number;
  /** One pod of the profile (the first). */
  pod: number;
}

type Counts = ReadonlyMap<number, ProfileCount>;

/** Each pod's profile as a source and as a destination, with per-line counts (cached: lines repeat). */
export class Profiles {
  private readonly sourceCounts = new WeakMap<readonly number[], Counts>();
  private readonly destinationCounts = new WeakMap<readonly number[], Counts>();
  private readonly sets = new WeakMap<readonly number[], ReadonlySet<number>>();

  constructor(
    private readonly src: Int32Array,
    private readonly dst: Int32Array,
  ) {}

  sources(pods: readonly number[]): Counts {
    return this.countsOf(pods, this.src, this.sourceCounts);
  }

  destinations(pods: readonly number[]): Counts {
    return this.countsOf(pods, this.dst, this.destinationCounts);
  }

  /** One number for a pair of profiles (source, destination). */
  pairId(src: number, dst: number): number {
    return src * this.src.length + dst;
  }

  /** The pods in both `rows` and `cols` (each a pod to itself, not a pair), counted by `pairId`. */
  selfPairs(rows: readonly number[], cols: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    const [few, many] = rows.length <= cols.length ? [rows, cols] : [cols, rows];
    const members = this.members(many);
    for (const p of few)
      if (members.has(p)) {
        const id = this.pairId(this.src[p]!, this.dst[p]!);
        out.set(id, (out.get(id) ?? 0) + 1);
      }
    return out;
  }

  private countsOf(
    pods: readonly number[],
    profile: Int32Array,
    cache: WeakMap<readonly number[], Counts>,
  ): Counts {
    let counts = cache.get(pods);
    if (!counts) {
      const fresh = new Map<number, ProfileCount>();
      for (const pod of pods) {
        const c = fresh.get(profile[pod]!);
        if (c) c.count++;
        else fresh.set(profile[pod]!, { count: 1, pod });
      }
      cache.set(pods, (counts = fresh));
    }
    return counts;
  }

  private members(pods: readonly number[]): ReadonlySet<number> {
    let set = this.sets.get(pods);
    if (!set) this.sets.set(pods, (set = new Set(pods)));
    return set;
  }
}

/** Every pod a profile of its own (a view built from lists of pairs). */
export function podProfiles(n: number): Profiles {
  const own = Int32Array.from({ length: n }, (_, i) => i);
  return new Profiles(own, own);
}

/**
 * Profiles from the classes the server sends: on the one port, or on each declared port (then a
 * destination's profile also says which ports it declares).
 */
export function classProfiles(matrix: Pick<ViewMatrix, 'pods' | 'reach' | 'declared'>): Profiles {
  const tables = matrix.declared?.reach ?? (matrix.reach ? [matrix.reach] : []);
  const n = matrix.pods.length;
  const [src, dst] = [new Int32Array(n), new Int32Array(n)];
  const [sources, destinations] = [new Map<string, number>(), new Map<string, number>()];
  const intern = (ids: Map<string, number>, key: string): number => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  for (let p = 0; p < n; p++) {
    const classes = tables.map((t) => t.classOf[p] ?? -1).join(' ');
    src[p] = intern(sources, classes);
    dst[p] = intern(destinations, `${matrix.declared?.of[p]?.join(' ') ?? '-'}|${classes}`);
  }
  return new Profiles(src, dst);
}
