// One SessionHub per live session in this process: the facade that routes,
// SSE streams, scripts and tests use. It composes the live core's modules:
//   core.ts          the shared state and the one command path (changes run one at a time)
//   registry.ts      getHub/dropHub/publisher, the PostgreSQL fan-out entry, idle eviction
//   roster.ts        participants, tokens, joins/renames/removals, connections
//   round-context.ts the one derivation of a round's context from its setup
//   rating-command.ts, rating-store*.ts   a rating's checks and write, SQLite or PostgreSQL
//   board.ts         the snapshot, its cadence and the release clock
//   views.ts + contracts.ts   every payload, parsed against its zod contract
//   round-actions.ts open/close/reopen/end and the round's timers
//   commands/*.ts    one file per interactive round kind
//   session-commands.ts, sync.ts   session settings; re-reads after another instance's change
// Every change runs alone on the command path (database write and memory update
// of one change never interleave with another's); what the room sees of a
// rating waits for the release clock.
import type { Locale } from "../i18n/locales";
import type { SessionAction, SessionState } from "../domain/phases";
import type { AgendaItem } from "../domain/rules/ruleset";
import type { Amendment } from "../domain/rounds/conference";
import type { AmendmentKind } from "../domain/rounds/kinds";
import type { Vote } from "../domain/rounds/rif";
import { countReflections, findReflection, findSessionByCode, listRoundWindows } from "../db/sessions";
import type { FanoutMessage } from "./bus";
import * as conference from "./commands/conference";
import * as rif from "./commands/rif";
import * as tribunal from "./commands/tribunal";
import type { BoardPayload, BoardView, ControlPayload, MePayload, PublicSession, RemovedPayload } from "./contracts";
import { HubCore } from "./core";
import { rate, type RateAnswer } from "./rating-command";
import { act, checkExpiry, enterRound, scheduleAutoAdvance, scheduleExpiry } from "./round-actions";
import { loadRoundContext } from "./round-context";
import * as people from "./roster";
import { loadParticipantRows, type HubParticipant } from "./roster";
import * as settings from "./session-commands";
import { applyRemote } from "./sync";
import * as views from "./views";

export { dropHub, getHub, publisher } from "./registry";
export type { HubSignal } from "./signals";
export type { HubParticipant } from "./roster";

export class SessionHub {
  private readonly core: HubCore;
  /** When the hub was last asked for anything (the registry evicts idle hubs). */
  lastUsed = Date.now();

  private constructor(core: HubCore) {
    this.core = core;
  }

  static async load(code: string): Promise<SessionHub | null> {
    const session = await findSessionByCode(code);
    if (!session) return null;
    const core = new HubCore(session);
    const rows = await loadParticipantRows(session.id);
    const windows = await listRoundWindows(session.id);
    for (const row of rows) {
      const during = windows.find((w) => row.joinedAt >= w.openedAt && (w.closedAt === null || row.joinedAt < w.closedAt));
      core.roster.add({ ...row, status: row.status as people.ParticipantStatus }, during?.number ?? null);
    }
    const { context, stage } = await loadRoundContext(session.id, session.state.round);
    if (session.spotlightReflectionId) core.spotlightText = (await findReflection(session.id, session.spotlightReflectionId))?.text ?? null;
    core.reflectionAnswers = await countReflections(session.id);
    // Ratings already stored count as released: after a restart the room sees what was stored.
    const ratings = context.boardRound > 0 ? await core.store.loadRound(session.id, context.boardRound) : [];
    await enterRound(core, context, stage, { ratings });
    core.clock.computeNow();
    core.clock.syncRelease();
    scheduleExpiry(core);
    return new SessionHub(core);
  }

  /** Runs a change on the one command path, with an overdue round timer applied first. */
  private write<T>(task: () => T | Promise<T>, now = Date.now()): Promise<T> {
    return this.core.command(() => {
      checkExpiry(this.core, now);
      return task();
    });
  }

  // ── reading ──────────────────────────────────────────────────────────────

  get channel(): string {
    return this.core.channel;
  }

  get record() {
    return this.core.session;
  }

  /** The version of the last snapshot ("this version or a later one"). */
  get version(): number {
    return this.core.version;
  }

  /** The session state, with an overdue round timer applied. */
  state(now = Date.now()): SessionState {
    checkExpiry(this.core, now);
    return this.core.session.state;
  }

  /** Active participants, as read-only snapshots. */
  activeParticipants(): HubParticipant[] {
    return this.core.roster.active();
  }

  /** One participant, as a read-only snapshot. */
  participant(id: string): HubParticipant | null {
    return this.core.roster.get(id);
  }

  participantByToken(tokenHash: string): HubParticipant | null {
    return this.core.roster.byTokenHash(tokenHash);
  }

  isConnected(participantId: string): boolean {
    return this.core.roster.isConnected(participantId);
  }

  /** A hub with no open stream and no pending release may be evicted once idle (lib/live/registry.ts). */
  get evictable(): boolean {
    return this.core.roster.openStreams === 0 && !this.core.gate.hasPending;
  }

  publicSession(now = Date.now()): PublicSession {
    return views.publicSession(this.core, now);
  }

  boardPayload(view: BoardView): BoardPayload {
    return views.boardPayload(this.core, view);
  }

  boardJson(view: BoardView): string {
    return views.boardJson(this.core, view);
  }

  mePayload(participantId: string): MePayload | null {
    return views.mePayload(this.core, participantId);
  }

  controlPayload(now = Date.now()): ControlPayload {
    return views.controlPayload(this.core, now);
  }

  controlSnapshot(): ControlPayload {
    return views.controlSnapshot(this.core);
  }

  roundJson(view: "public" | "control"): string {
    return views.roundJson(this.core, view);
  }

  roundFresh(view: "public" | "control"): string {
    return views.roundFresh(this.core, view);
  }

  removedJson(payload: RemovedPayload): string {
    return views.removedJson(payload);
  }

  agendaPayload() {
    return views.agendaPayload(this.core);
  }

  /** What the participant themself gave this round (their own rating screen). */
  givenBy(participantId: string): Record<string, Record<string, number>> {
    return this.core.gate.live.givenBy(participantId);
  }

  // ── writing: every change goes through the command path ──────────────────

  setReflectionOpen(open: boolean): Promise<void> {
    return this.write(() => settings.setReflectionOpen(this.core, open));
  }

  /** After someone answered (or changed) the reflection: the room-level count on every screen. */
  reflectionSaved(): Promise<void> {
    return this.write(() => settings.recountReflections(this.core));
  }

  setSpotlight(reflectionId: string | null): Promise<void> {
    return this.write(() => settings.setSpotlight(this.core, reflectionId));
  }

  setArchived(archived: boolean): Promise<void> {
    return this.write(() => settings.setArchived(this.core, archived));
  }

  setRelease(release: { seconds: number; batch: number }): Promise<{ seconds: number; batch: number }> {
    return this.write(() => settings.setRelease(this.core, release));
  }

  setLanguage(language: Locale): Promise<Locale> {
    return this.write(() => settings.setLanguage(this.core, language));
  }

  setParticipantCap(maxParticipants: number): Promise<number> {
    return this.write(() => settings.setParticipantCap(this.core, maxParticipants));
  }

  /** People holding a seat against the participant cap (lib/domain/admission.ts). */
  seated(): number {
    return this.core.roster.seated();
  }

  setUpcomingAgenda(upcoming: AgendaItem[]): Promise<AgendaItem[]> {
    return this.write(() => settings.setUpcomingAgenda(this.core, upcoming));
  }

  /** Registers a participant already stored in the database. */
  addParticipant(p: HubParticipant): Promise<void> {
    return this.write(() => people.join(this.core, p));
  }

  /** After a rejoin on another device (token stored already): the old token stops working. */
  replaceToken(participantId: string, tokenHash: string): Promise<void> {
    return this.write(() => people.replaceToken(this.core, participantId, tokenHash));
  }

  removeParticipant(participantId: string, status: "kicked" | "banned"): Promise<void> {
    return this.write(() => people.remove(this.core, participantId, status));
  }

  rename(participantId: string, displayName: string, nameKey: string): Promise<HubParticipant> {
    return this.write(() => people.rename(this.core, participantId, displayName, nameKey));
  }

  /**
   * Checks, stores and counts one rater's scores for one colleague. Ratings are announced to other
   * instances by id with the next flush, not as a state change.
   */
  rate(rater: HubParticipant, targetId: string, scores: Record<string, number>, now = Date.now()): Promise<RateAnswer> {
    return this.core.command(() => {
      checkExpiry(this.core, now);
      return rate(this.core, rater, targetId, scores, now);
    }, { announce: false });
  }

  /** Applies a facilitator action; serialized so two clicks cannot race. */
  act(action: SessionAction, now = Date.now()): Promise<SessionState> {
    return this.write(() => act(this.core, action, now), now);
  }

  /** Counts a live connection (for "who is connected"); returns the release function. */
  connect(participantId: string | null): () => void {
    return this.core.roster.connect(participantId, () => this.core.markControlDirty());
  }

  /** Keeps the hub loaded while a stream of any view is open; returns the release function. */
  holdStream(): () => void {
    return this.core.roster.holdStream();
  }

  dispose(): void {
    const core = this.core;
    core.disposed = true;
    if (core.timers.auto) clearTimeout(core.timers.auto);
    if (core.timers.expiry) clearTimeout(core.timers.expiry);
    core.clock.dispose();
    core.publish({ kind: "closed" });
  }

  // ── interactive rounds ───────────────────────────────────────────────────

  submitStatement(p: HubParticipant, text: string, now = Date.now()): Promise<void> {
    return this.write(() => rif.submitStatement(this.core, p, text, now), now);
  }

  voteRif(p: HubParticipant, targetId: string, vote: Vote, now = Date.now()): Promise<void> {
    return this.write(() => rif.voteRif(this.core, p, targetId, vote, now), now);
  }

  controlRif(action: rif.RifControl, now = Date.now()): Promise<void> {
    return this.write(async () => {
      if (await rif.controlRif(this.core, action, now)) scheduleAutoAdvance(this.core);
    }, now);
  }

  denounce(p: HubParticipant, accusedId: string, charge: string, now = Date.now()): Promise<void> {
    return this.write(() => tribunal.denounce(this.core, p, accusedId, charge, now), now);
  }

  appeal(p: HubParticipant, text: string, now = Date.now()): Promise<void> {
    return this.write(() => tribunal.appeal(this.core, p, text, now), now);
  }

  hideAppeal(participantId: string, hidden: boolean): Promise<void> {
    return this.write(() => tribunal.hideAppeal(this.core, participantId, hidden));
  }

  propose(p: HubParticipant, kind: AmendmentKind, text: string | undefined, now = Date.now()): Promise<{ proposalId: string }> {
    return this.write(() => conference.propose(this.core, p, kind, text, now), now);
  }

  voteProposal(p: HubParticipant, proposalId: string, vote: "for" | "against", now = Date.now()): Promise<void> {
    return this.write(() => conference.voteProposal(this.core, p, proposalId, vote, now), now);
  }

  hideCharge(accusedId: string, charge: string, hidden: boolean): Promise<void> {
    return this.write(() => tribunal.hideCharge(this.core, accusedId, charge, hidden));
  }

  hideProposal(proposalId: string, hidden: boolean): Promise<void> {
    return this.write(() => conference.hideProposal(this.core, proposalId, hidden));
  }

  decideProposal(proposalId: string, accepted: boolean | null): Promise<void> {
    return this.write(() => conference.decideProposal(this.core, proposalId, accepted));
  }

  liftAmendment(index: number): Promise<Amendment[]> {
    return this.write(() => conference.liftAmendment(this.core, index));
  }

  /** Another instance changed this session (PostgreSQL): re-read what changed, then publish here. */
  applyRemote(message: FanoutMessage, full = false): Promise<void> {
    return this.core.command(() => applyRemote(this.core, message, full), { remote: true });
  }
}
