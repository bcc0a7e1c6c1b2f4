import { assertWritable, requireOwnedHub } from "@/lib/api/context";
import { otherMethods, readJson, route } from "@/lib/http";
import { roundControlBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: drive the interactive rounds (hearing, moderation, reveal, free-text decisions, lifting rule changes). */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const body = await readJson(request, roundControlBody);
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
    case "tribunal.hide-charge":
      await hub.hideCharge(body.participantId, body.charge, body.hidden);
      break;
    case "conference.hide":
      await hub.hideProposal(body.proposalId, body.hidden);
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

/** The other methods: a JSON 405 with Allow. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
