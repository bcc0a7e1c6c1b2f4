// Mutual admiration: pairs who rate each other well above their own habit,
// the network they form, and its cliques.
import { EPS, compareIds, directedMeans, givenMeans, mean, peerRows } from "./internal";
import type { RatingRow } from "./rows";

export interface AdmirationPair {
  /** a < b in code-unit order. */
  a: string;
  b: string;
  /** What a gave b, mean over dimensions. */
  ab: number;
  /** What b gave a, mean over dimensions. */
  ba: number;
}

export interface AdmirationEdge {
  a: string;
  b: string;
  /** Mean of the two excesses over each rater's own mean given: how far above habit they rate each other. */
  weight: number;
}

export interface Clique {
  /** Sorted ids. */
  members: string[];
  /** Mean of what members gave each other (each direction averaged over dimensions, then weighing once). */
  meanInside: number;
  /** The same for what members gave everyone else; null if they rated nobody outside. */
  meanOutside: number | null;
}

function checkMargin(margin: number): void {
  if (!Number.isFinite(margin)) throw new RangeError(`admiration margin must be a finite number, got ${margin}`);
}

/** The mutual-admiration graph with everything the three exports need. */
function analyse(rows: readonly RatingRow[], margin: number) {
  checkMargin(margin);
  const peer = peerRows(rows);
  const given = directedMeans(peer);
  const baseline = givenMeans(peer);
  const edges: (AdmirationPair & { weight: number })[] = [];
  for (const [a, targets] of given) {
    for (const [b, ab] of targets) {
      if (compareIds(a, b) >= 0) continue; // each unordered pair once, a < b
      const ba = given.get(b)?.get(a);
      const baseA = baseline.get(a)?.mean;
      const baseB = baseline.get(b)?.mean;
      if (ba === undefined || baseA === undefined || baseB === undefined) continue;
      // EPS: a rater whose mean is 3 + 1/3 rating someone 4 + 1/3 is exactly one above.
      if (ab - baseA >= margin - EPS && ba - baseB >= margin - EPS) {
        edges.push({ a, b, ab, ba, weight: (ab - baseA + (ba - baseB)) / 2 });
      }
    }
  }
  edges.sort((x, y) => compareIds(x.a, y.a) || compareIds(x.b, y.b));
  const nodes = [...new Set(peer.flatMap((r) => [r.raterId, r.targetId]))].sort(compareIds);
  return { given, edges, nodes };
}

/**
 * Pairs where each rates the other at least `margin` (default 1.0) above
 * their own mean given rating (over all their rows). Pass one round's rows;
 * several rounds are pooled. Sorted by a, then b.
 */
export function mutualAdmirationPairs(rows: readonly RatingRow[], opts: { margin?: number } = {}): AdmirationPair[] {
  return analyse(rows, opts.margin ?? 1).edges.map(({ a, b, ab, ba }) => ({ a, b, ab, ba }));
}

/** The mutual-admiration network: every rater and target as a node (sorted), each pair as an edge. */
export function admirationGraph(
  rows: readonly RatingRow[],
  opts: { margin?: number } = {},
): { nodes: string[]; edges: AdmirationEdge[] } {
  const { nodes, edges } = analyse(rows, opts.margin ?? 1);
  return { nodes, edges: edges.map(({ a, b, weight }) => ({ a, b, weight })) };
}

/** Every maximal clique (Bron–Kerbosch with pivot), members sorted; order not yet meaningful. */
function maximalCliques(adjacency: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const none = new Set<string>();
  const within = (set: Set<string>, neighbours: Set<string>) => new Set([...set].filter((v) => neighbours.has(v)));
  const expand = (clique: string[], candidates: Set<string>, excluded: Set<string>) => {
    if (candidates.size === 0 && excluded.size === 0) {
      found.push([...clique].sort(compareIds));
      return;
    }
    // Pivot on the vertex covering most candidates: its neighbours need no branch of their own.
    let pivotNeighbours = none;
    let best = -1;
    for (const u of [...candidates, ...excluded]) {
      const neighbours = adjacency.get(u) ?? none;
      const covered = within(candidates, neighbours).size;
      if (covered > best) {
        best = covered;
        pivotNeighbours = neighbours;
      }
    }
    for (const v of [...candidates].sort(compareIds)) {
      if (pivotNeighbours.has(v)) continue;
      const neighbours = adjacency.get(v) ?? none;
      expand([...clique, v], within(candidates, neighbours), within(excluded, neighbours));
      candidates.delete(v);
      excluded.add(v);
    }
  };
  expand([], new Set([...adjacency.keys()].sort(compareIds)), new Set());
  return found;
}

/**
 * Maximal sets of at least `minSize` (default 3) people in which every pair
 * is a mutual-admiration pair (see mutualAdmirationPairs for `margin`).
 * A person can belong to several. Sorted by size descending, then members.
 * Throws RangeError unless minSize is a whole number ≥ 2.
 */
export function cliques(rows: readonly RatingRow[], opts: { minSize?: number; margin?: number } = {}): Clique[] {
  const minSize = opts.minSize ?? 3;
  if (!Number.isInteger(minSize) || minSize < 2) throw new RangeError(`cliques needs a whole minSize >= 2, got ${minSize}`);
  const { given, edges } = analyse(rows, opts.margin ?? 1);
  const adjacency = new Map<string, Set<string>>();
  for (const { a, b } of edges) {
    adjacency.set(a, (adjacency.get(a) ?? new Set()).add(b));
    adjacency.set(b, (adjacency.get(b) ?? new Set()).add(a));
  }
  const result: Clique[] = [];
  for (const members of maximalCliques(adjacency)) {
    if (members.length < minSize) continue;
    const inside: number[] = [];
    const outside: number[] = [];
    for (const m of members) {
      for (const [target, score] of given.get(m) ?? []) (members.includes(target) ? inside : outside).push(score);
    }
    result.push({ members, meanInside: mean(inside) ?? 0, meanOutside: mean(outside) }); // members rated each other: inside is never empty
  }
  const byMembers = (x: string[], y: string[]) => {
    for (const [i, id] of x.entries()) {
      const diff = compareIds(id, y[i] ?? "");
      if (diff !== 0) return diff;
    }
    return x.length - y.length;
  };
  return result.sort((x, y) => y.members.length - x.members.length || byMembers(x.members, y.members));
}
