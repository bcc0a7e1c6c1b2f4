// GET /api/sessions/{code}/events, once for both servers: the route handler
// (app/api/sessions/[code]/events/route.ts, a ReadableStream) and the custom
// server's hot path (lib/server/hot.ts, straight onto the socket) call openEvents
// and only differ in the transport (lib/live/sse.ts).
import { acquireStreamSlot, assertPublicScreensOpen, loadHub, publicScreensAreOpen } from "./context";
import { currentFacilitator } from "../auth/facilitator";
import { identifyParticipant } from "../auth/participant";
import { AppError } from "../errors";
import { publisher, type HubSignal, type SessionHub } from "../live/hub";
import { RosterFeed } from "../live/roster-feed";
import { sharedFrame, type SseSender } from "../live/sse";

// Every join, rename or removal makes a new roster revision (lib/live/roster-feed.ts): one feed per
// hub, brought up to date at most once per snapshot version, shared by every stream (on globalThis:
// the route bundle and the hot handlers share it).
const g = globalThis as unknown as { __stakhanovRosters?: WeakMap<SessionHub, { version: number; feed: RosterFeed }> };
const rosters = (g.__stakhanovRosters ??= new WeakMap());
function rosterFeed(hub: SessionHub): RosterFeed {
  let entry = rosters.get(hub);
  if (!entry) {
    entry = { version: Number.NaN, feed: new RosterFeed() };
    rosters.set(hub, entry);
  }
  if (entry.version !== hub.version) {
    entry.feed.update(hub.activeParticipants());
    entry.version = hub.version;
  }
  return entry.feed;
}

/** How often a phone receives leaderboard and `me` updates at most (phase changes go out at once). */
const PHONE_BOARD_INTERVAL_MS = 1_000;

/** Starts a stream on a transport; returns its cleanup. */
export type EventsStart = (sse: SseSender) => () => void;

/**
 * Everything before the first byte of a live stream: the hub, the view, who is asking, a stream slot
 * (given back when `signal` aborts or the stream's cleanup runs). Throws AppError for a refusal.
 *
 * `inNext`: false on the custom server, which has no Next request context and so cannot read the
 * facilitator's sign-in cookie: for the control view, and for a public screen whose hours are over
 * (the owner may still see it), openEvents returns null before any side effect and the request is
 * handed to Next's route instead.
 *
 * Views: default (a phone: `phase`, `leaderboard` top 10, and `me` for a participant),
 * `?view=screen` (projector: full `leaderboard`), `?view=control` (the session's facilitator: also
 * `control`). A full snapshot goes out on every (re)connect.
 */
export async function openEvents(
  request: { readonly headers: Headers; readonly url: string },
  code: string,
  signal: AbortSignal,
  inNext: boolean,
): Promise<EventsStart | null> {
  const view = new URL(request.url, "http://localhost").searchParams.get("view") ?? "phone";
  if (view === "control" && !inNext) return null;
  const hub = await loadHub(code, request);
  if (view !== "phone" && view !== "screen" && view !== "control") {
    throw new AppError("validation_failed", "view must be phone, screen or control.", { field: "view" });
  }
  let identity: string | null = null;
  if (view === "control") {
    const facilitator = await currentFacilitator();
    if (!facilitator) throw new AppError("unauthorized", "Sign in as the session's facilitator.");
    if (facilitator.id !== hub.record.facilitatorId) throw new AppError("forbidden", "This session belongs to another facilitator.");
    identity = `f:${facilitator.id}`;
  }
  const participant = view === "phone" ? (identifyParticipant(request, hub)?.participant ?? null) : null;
  if (participant) identity = `p:${participant.id}`;
  // Without an identity this is a read by join code alone: closed some hours after the end.
  if (view !== "control" && !participant) {
    if (!inNext && !publicScreensAreOpen(hub)) return null;
    await assertPublicScreensOpen(request, hub);
  }
  // A few open streams per identity and per address; the slot is given back when the stream ends.
  const releaseSlot = acquireStreamSlot(request, identity);
  signal.addEventListener("abort", releaseSlot, { once: true }); // also if the stream never started
  if (signal.aborted) releaseSlot();
  const boardView = view === "control" ? "facilitator" : view === "screen" ? "full" : "phone";

  return (sse) => {
    let lastMe = "";
    const roundView = view === "control" ? "control" : "public";
    let lastRound = "";
    // The interactive round (RIF, tribunal, conference) as this view may see it; only sent when it changed.
    const sendRound = () => {
      const round = hub.roundJson(roundView);
      if (round !== lastRound) {
        lastRound = round;
        sse.send("round", round);
      }
    };
    const sendPhase = () => sse.send("phase", JSON.stringify(hub.publicSession()));
    // The roster (active people's ids and names, no rating data): joins, renames and removals reach
    // every screen with the next snapshot instead of the next round (lib/live/roster-view.ts). The
    // whole roster on connect, then only what changed since the revision this client has (a
    // `roster-delta`, the same bytes for every client at that revision). A slow client gets one
    // frame when it has caught up, made then: from the revision it has to the current one.
    let clientRev = -1;
    const rosterFrame = () => {
      const feed = rosterFeed(hub);
      const frame = feed.frameFrom(clientRev);
      clientRev = feed.rev;
      return frame;
    };
    const sendRosterIfChanged = (withPhase: boolean) => {
      if (rosterFeed(hub).rev === clientRev) return;
      sse.sendWhenReady("roster", rosterFrame);
      if (withPhase) sendPhase();
    };
    const sendBoard = () => {
      sendRound();
      // One JSON per view and version (the hub's cache), encoded once for every connection of the view.
      const board = hub.boardJson(boardView);
      sse.sendFrame("leaderboard", sharedFrame(`${hub.channel}:${boardView}`, "leaderboard", board, `lb-${hub.version}`));
      if (participant) {
        const me = JSON.stringify(hub.mePayload(participant.id));
        // Only when something of this person's view changed: fewer bytes to 2,000 phones.
        if (me !== lastMe) {
          lastMe = me;
          sse.send("me", me);
        }
      }
    };
    const sendControl = () => sse.send("control", JSON.stringify(hub.controlSnapshot()));
    // Phones get the board at most once a second (the projector and the control room on every 250 ms
    // snapshot): a phone in a hand needs no faster ranking, and 2,000 personal payloads 4 times a
    // second would starve the rating requests (docs/performance.md).
    let lastPhoneBoard = 0;
    let phoneTimer: ReturnType<typeof setTimeout> | null = null;
    const sendBoardPaced = () => {
      if (view !== "phone") return sendBoard();
      const wait = lastPhoneBoard + PHONE_BOARD_INTERVAL_MS - Date.now();
      if (wait <= 0) {
        lastPhoneBoard = Date.now();
        sendBoard();
      } else if (!phoneTimer) {
        phoneTimer = setTimeout(() => {
          phoneTimer = null;
          lastPhoneBoard = Date.now();
          sendBoard();
        }, wait);
      }
    };
    if (participant && (participant.status === "kicked" || participant.status === "banned")) {
      sse.send("removed", hub.removedJson({ participantId: participant.id, status: participant.status }));
    }
    sendPhase();
    sendRosterIfChanged(false);
    sendBoard();
    if (view === "control") sendControl();
    const release = participant?.status === "active" || view === "screen" ? hub.connect(participant?.id ?? null) : () => {};
    // Any open stream keeps the hub loaded (lib/live/registry.ts evicts idle ones).
    const unhold = hub.holdStream();
    // The projector and the control room show the head count from `phase`: a fresh one with each
    // roster change. A phone has the count in the roster itself; resending it the phase on every join
    // doubled what a phone received while a lecture hall filled up.
    const countWithPhase = view !== "phone";
    const unsubscribe = publisher().subscribe(hub.channel, (event: HubSignal) => {
      switch (event.kind) {
        case "phase":
          sendPhase();
          sendRosterIfChanged(false);
          sendBoard();
          break;
        case "board":
          // Not paced: a join or rename is not rating-derived and the release clock does not hold it.
          sendRosterIfChanged(countWithPhase);
          sendBoardPaced();
          break;
        case "control":
          if (view === "control") sendControl();
          break;
        case "removed":
          if (participant && event.participantId === participant.id) {
            sse.send("removed", hub.removedJson({ participantId: participant.id, status: event.status }));
            sse.close();
          } else sendRosterIfChanged(countWithPhase);
          break;
        case "closed":
          sse.send("closed", "{}");
          sse.close();
          break;
      }
    });
    return () => {
      if (phoneTimer) clearTimeout(phoneTimer);
      unsubscribe();
      release();
      unhold();
      releaseSlot();
    };
  };
}
