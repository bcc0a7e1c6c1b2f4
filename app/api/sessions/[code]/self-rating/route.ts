import { loadHub, assertWritable } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { findSelfRatings, saveSelfRatings } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { selfRatingBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Participant: my own self-rating (private; compared with others' view in my report). */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub);
  return json({ scores: await findSelfRatings(me.id) });
});

/** Participant: rate myself, in the lobby or during the first round. */
export const PUT = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  assertWritable(hub);
  const state = hub.state();
  if (state.round > 1 || state.phase === "ended") throw new AppError("forbidden", "Self-rating is part of the first round only.");
  const { scores } = await readJson(request, selfRatingBody);
  const keys = new Set(hub.record.dimensions.map((d) => d.key));
  const { min, max } = hub.record.scale;
  if (Object.keys(scores).length === 0) throw new AppError("validation_failed", "Send at least one score.", { field: "scores" });
  for (const [dimension, score] of Object.entries(scores)) {
    if (!keys.has(dimension)) throw new AppError("validation_failed", `Unknown dimension "${dimension}".`, { field: `scores.${dimension}` });
    if (!Number.isInteger(score) || score < min || score > max) throw new AppError("validation_failed", `Scores must be whole numbers from ${min} to ${max}.`, { field: `scores.${dimension}` });
  }
  await saveSelfRatings(hub.record.id, me.id, scores);
  return json({ ok: true, scores: await findSelfRatings(me.id) });
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
