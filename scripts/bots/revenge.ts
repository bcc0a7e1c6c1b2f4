// The revenge persona's memory: it watches the leaderboard (top 10) and its
// own `me` window, and holds a grudge against colleagues whose rank or score
// rose, more so against those who overtook it. A grudge lowers the scores it
// gives (see chooseScore); seeing a colleague fall softens it again.
import { MAX_GRUDGE } from "./personas";

export interface ObservedEntry {
  participantId: string;
  rank: number | null;
  score: number | null;
}

interface Seen {
  rank: number | null;
  score: number | null;
}

export class RevengeTracker {
  private readonly seen = new Map<string, Seen>();
  private readonly grudges = new Map<string, number>();
  private myRank: number | null = null;

  constructor(
    readonly selfId: string,
    private readonly maxGrudge = MAX_GRUDGE,
  ) {}

  /** The grudge held against a colleague, 0 … maxGrudge. */
  grudge(participantId: string): number {
    return this.grudges.get(participantId) ?? 0;
  }

  /** Everyone it currently resents, strongest first. */
  resented(): { participantId: string; grudge: number }[] {
    return [...this.grudges.entries()]
      .filter(([, g]) => g > 0)
      .map(([participantId, grudge]) => ({ participantId, grudge }))
      .sort((a, b) => b.grudge - a.grudge);
  }

  /**
   * Feeds entries from a `leaderboard` event or a `me` window. `myRank` is the
   * bot's own rank when known (from `me`); omitted, the last known one is used.
   * Returns the ids whose grudge grew.
   */
  observe(entries: readonly ObservedEntry[], myRank?: number | null): string[] {
    const previousMyRank = this.myRank;
    if (myRank !== undefined) this.myRank = myRank;
    const grew: string[] = [];
    for (const e of entries) {
      if (e.participantId === this.selfId) continue;
      const before = this.seen.get(e.participantId);
      this.seen.set(e.participantId, { rank: e.rank, score: e.score });
      if (!before) continue;
      const rankRose = before.rank !== null && e.rank !== null && e.rank < before.rank;
      const rankFell = before.rank !== null && e.rank !== null && e.rank > before.rank;
      const scoreRose = before.score !== null && e.score !== null && e.score > before.score;
      const scoreFell = before.score !== null && e.score !== null && e.score < before.score;
      let delta = 0;
      if (rankRose || scoreRose) {
        delta += 1;
        // Overtaking the bot itself is unforgivable: it was behind, now it is ahead.
        const mine = this.myRank ?? previousMyRank;
        if (rankRose && mine !== null && before.rank !== null && e.rank !== null && before.rank > mine && e.rank < mine) delta += 1;
      } else if (rankFell || scoreFell) {
        delta -= 1; // schadenfreude
      }
      if (delta === 0) continue;
      const next = Math.min(this.maxGrudge, Math.max(0, this.grudge(e.participantId) + delta));
      if (next > this.grudge(e.participantId)) grew.push(e.participantId);
      if (next === 0) this.grudges.delete(e.participantId);
      else this.grudges.set(e.participantId, next);
    }
    return grew;
  }
}
