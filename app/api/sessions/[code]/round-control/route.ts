import { z } from "zod";
import { assertWritable, requireOwnedHub } from "@/lib/api/context";
import { readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const id = z.string().min(1).max(64);
const schema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("rif.start-hearing") }),
    z.object({ action: z.literal("rif.next") }),
    z.object({ action: z.literal("rif.previous") }),
    z.object({ action: z.literal("rif.show"), index: z.number().int().min(0) }),
    z.object({ action: z.literal("rif.hide"), participantId: id, hidden: z.boolean() }),
    z.object({ action: z.literal("rif.reveal") }),
    z.object({ action: z.literal("tribunal.hide-appeal"), participantId: id, hidden: z.boolean() }),
    z.object({ action: z.literal("conference.decide"), proposalId: id, accepted: z.boolean().nullable() }),
    z.object({ action: z.literal("amendments.lift"), index: z.number().int().min(0) }),
  ],
  {
    error:
      "action must be one of: rif.start-hearing, rif.next, rif.previous, rif.show, rif.hide, rif.reveal, tribunal.hide-appeal, conference.decide, amendments.lift.",
  },
);

/** Facilitator: drive the interactive rounds (hearing, moderation, reveal, free-text decisions, lifting rule changes). */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const body = await readJson(request, schema);
  switch (body.action) {
    case "rif.start-hearing":
      await hub.controlRif({ type: "start-hearing" });
      break;
    case "rif.next":
      await hub.controlRif({ type: "next" });
      break;
    case "rif.previous":
      await hub.controlRif({ type: "previous" });
      break;
    case "rif.show":
      await hub.controlRif({ type: "show", index: body.index });
      break;
    case "rif.hide":
      await hub.controlRif({ type: "hide", participantId: body.participantId, hidden: body.hidden });
      break;
    case "rif.reveal":
      await hub.controlRif({ type: "reveal" });
      break;
    case "tribunal.hide-appeal":
      await hub.hideAppeal(body.participantId, body.hidden);
      break;
    case "conference.decide":
      await hub.decideProposal(body.proposalId, body.accepted);
      break;
    case "amendments.lift":
      await hub.liftAmendment(body.index);
      break;
  }
  return new Response(hub.roundFresh("control"), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
});

/** Facilitator: the interactive round as the control room sees it. */
export const GET = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code);
  return new Response(hub.roundFresh("control"), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
});
