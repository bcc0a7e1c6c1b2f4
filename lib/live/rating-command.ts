// A rating: the checks (who may rate whom, scale, quota ballots) and the
// write. The rating store decides when it is counted in memory; what the room
// sees of it waits for the release clock either way (lib/live/release.ts).
import { canRate } from "../domain/phases";
import { checkQuota, topScoreLimit } from "../domain/rules/quota";
import { AppError } from "../errors";
import { requireActive, requireFromStartOfRound } from "./commands/guards";
import type { HubCore } from "./core";
import type { HubParticipant } from "./roster";

export interface RateAnswer {
  /** The first snapshot that includes this rating carries this version or a later one. */
  version: number;
  /** Resolves once the rating is durable (then the API answers); rejects when it could not be stored. */
  stored: Promise<{ version: number }>;
}

/** Every check a rating must pass, against the hub's state at this instant. */
function checkRating(core: HubCore, rater: HubParticipant, targetId: string, scores: Record<string, number>, now: number): [string, number][] {
  core.requireWritable();
  const allowed = canRate(core.session.state, now);
  if (!allowed.ok) throw new AppError("forbidden", allowed.message);
  const kind = core.round.settings.kind;
  if (kind === "rif") throw new AppError("forbidden", "This is a Reduction in Force round: no ratings, only statements and keep/let-go votes.");
  if (kind === "conference") throw new AppError("forbidden", "This is the production conference: no ratings, only proposals and votes.");
  const rules = core.round.rules;
  if (rules.ratingsPaused) throw new AppError("forbidden", "The production conference paused ratings for this round.");
  requireActive(core, rater, "You were let go in the Reduction in Force: you watch as an observer and can no longer rate.");
  if (targetId === rater.id) throw new AppError("forbidden", "You cannot rate yourself.");
  requireFromStartOfRound(core, rater.id);
  if (core.roster.status(targetId) !== "active") throw new AppError("not_found", "That colleague is not in this session (any more), or now only observes.");
  const keys = new Set(core.session.dimensions.map((d) => d.key));
  const { min, max } = core.session.scale;
  const entries = Object.entries(scores);
  if (entries.length === 0) throw new AppError("validation_failed", "Send at least one score.", { field: "scores" });
  for (const [dimension, score] of entries) {
    if (!keys.has(dimension)) throw new AppError("validation_failed", `Unknown dimension "${dimension}".`, { field: `scores.${dimension}` });
    if (!Number.isInteger(score) || score < min || score > max) {
      throw new AppError("validation_failed", `Scores must be whole numbers from ${min} to ${max}.`, { field: `scores.${dimension}` });
    }
  }
  const quota = rules.quotaBallots;
  if (quota) {
    const colleagues = Math.max(0, core.roster.activeCount() - 1);
    const limit = topScoreLimit(colleagues, quota.share);
    for (const [dimension, score] of entries) {
      const check = checkQuota(core.gate.live.givenOnDimension(rater.id, dimension), targetId, score, max, limit);
      if (!check.ok) {
        const label = core.session.dimensions.find((d) => d.key === dimension)?.label ?? dimension;
        throw new AppError(
          "conflict",
          `Quota reached: the curve allows ${max} stars on “${label}” for at most ${limit} of your ${colleagues} colleagues, and you have given ${check.used}. Lower someone else's first.`,
          { field: `scores.${dimension}` },
        );
      }
    }
  }
  return entries;
}

/**
 * Stores and applies one rater's scores for one colleague. Runs inside the hub's command path,
 * so a round change cannot slip in between the checks, the write and the in-memory update.
 */
export function rate(core: HubCore, rater: HubParticipant, targetId: string, scores: Record<string, number>, now: number): RateAnswer {
  const entries = checkRating(core, rater, targetId, scores, now);
  const round = core.session.state.round;
  const write = core.store.write({ sessionId: core.session.id, round, raterId: rater.id, targetId, scores, at: new Date(now) });
  if (!core.store.countsBeforeWrite) {
    // PostgreSQL: counted once written, and only if that round is still current.
    const stored = write.then((events) => {
      if (core.session.state.round === round) {
        for (const e of events) core.applyRating(e);
        core.ratingTimes.push(now);
        core.markControlDirty();
        // The other instances learn of it with the next flush; one is due whatever the release clock does.
        core.clock.scheduleFlush();
      }
      for (const e of events) core.pendingEvents.push(e.id);
      // A flush may have run during the write: the first snapshot with this rating is a later one.
      return { version: core.version + 1 };
    });
    return { version: core.version + 1, stored };
  }
  // SQLite: counted in memory at once (so quota checks see it), stored with the others that arrive in
  // this turn of the event loop in one transaction (group commit); the caller answers once `stored`
  // resolves, so nothing is acknowledged before it is durable. A failed write re-reads the board.
  for (const [dimension, score] of entries) core.applyRating({ raterId: rater.id, targetId, dimension, score });
  core.ratingTimes.push(now);
  // Nothing anyone sees changes now: the release clock publishes it (markDirty on release).
  core.markControlDirty();
  const promised = core.version + 1;
  return {
    version: promised,
    stored: write.then(
      () => ({ version: promised }),
      async (error: unknown) => {
        if (core.session.state.round === round) {
          await core.reloadRatings();
          core.markDirty();
        }
        throw error;
      },
    ),
  };
}
