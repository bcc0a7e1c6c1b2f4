// The working copy of an interactive round (Reduction in Force, tribunal,
// production conference) that the session hub keeps in memory, and the
// payloads screens receive. What each payload may contain is the anonymity
// contract: accusers, voters and proposers never leave the server; only RIF
// statements carry their author's name (by design), and appeals are shown
// under the accused's own name.
import { describeAmendment, PROPOSALS_PER_PERSON, tallyProposals, votesNeeded, WITHHELD_PROPOSAL, type Amendment } from "../domain/rounds/conference";
import type { RoundKind, RoundSettings, TribunalConfig } from "../domain/rounds/kinds";
import { publishedSplit } from "../domain/rounds/electorate";
import { autoIndex, tally, type Vote, type Verdict } from "../domain/rounds/rif";
import { feed, isChargeHidden, scoreAdjustments, withholdHidden, type Denunciation } from "../domain/rounds/tribunal";
import type { ProposalRow, RifCaseRow, RoundInteractions } from "../db/interactive";
import type { AmendmentKind } from "../domain/rounds/kinds";

export type RifStageName = "statements" | "hearing" | "revealed";

export interface RifStage {
  stage: RifStageName;
  /** Epoch ms when statements close. */
  statementEndsAt: number | null;
  /** Index into the cases of the statement on the projector, during the hearing. */
  showing: number | null;
  /** When `showing` was last set (auto-advance counts from here). */
  showingSince: number | null;
  /** The furthest statement shown so far: people can vote on those. */
  maxShown: number;
}

export const NO_STAGE: RifStage = { stage: "statements", statementEndsAt: null, showing: null, showingSince: null, maxShown: -1 };

export function parseStage(json: string | null | undefined): RifStage {
  if (!json || json === "{}") return NO_STAGE;
  try {
    const s = JSON.parse(json) as Partial<RifStage>;
    if (s.stage !== "statements" && s.stage !== "hearing" && s.stage !== "revealed") return NO_STAGE;
    return { ...NO_STAGE, ...s } as RifStage;
  } catch {
    return NO_STAGE;
  }
}

/** Grace after the statement countdown, for a phone whose clock or network is a little late. */
export const STATEMENT_GRACE_MS = 3_000;

export class RoundState {
  cases: RifCaseRow[] = [];
  rifVotes = new Map<string, Map<string, Vote>>();
  stage: RifStage = NO_STAGE;
  proposals: ProposalRow[] = [];
  proposalVotes = new Map<string, Map<string, "for" | "against">>();

  static from(data: RoundInteractions, stage: RifStage): RoundState {
    const s = new RoundState();
    s.cases = data.cases;
    for (const v of data.rifVotes) s.setRifVote(v.voterId, v.targetId, v.vote);
    s.stage = stage;
    s.proposals = data.proposals;
    for (const v of data.proposalVotes) s.setProposalVote(v.proposalId, v.voterId, v.vote);
    return s;
  }

  setRifVote(voterId: string, targetId: string, vote: Vote): void {
    let mine = this.rifVotes.get(voterId);
    if (!mine) this.rifVotes.set(voterId, (mine = new Map()));
    mine.set(targetId, vote);
  }

  setProposalVote(proposalId: string, voterId: string, vote: "for" | "against"): void {
    let votes = this.proposalVotes.get(proposalId);
    if (!votes) this.proposalVotes.set(proposalId, (votes = new Map()));
    votes.set(voterId, vote);
  }

  caseOf(participantId: string): RifCaseRow | undefined {
    return this.cases.find((c) => c.participantId === participantId);
  }

  isAtRisk(participantId: string): boolean {
    return this.cases.some((c) => c.participantId === participantId);
  }

  /** The statement index on screen now (auto-advance applied). */
  showingNow(now: number, autoAdvanceSeconds: number | null): number | null {
    const s = this.stage;
    if (s.stage !== "hearing" || s.showing === null) return s.showing;
    return autoIndex(s.showing, s.showingSince ?? now, now, autoAdvanceSeconds, this.cases.length);
  }

  maxShownNow(now: number, autoAdvanceSeconds: number | null): number {
    return Math.max(this.stage.maxShown, this.showingNow(now, autoAdvanceSeconds) ?? -1);
  }

  allRifVotes(): { voterId: string; targetId: string; vote: Vote }[] {
    const out: { voterId: string; targetId: string; vote: Vote }[] = [];
    for (const [voterId, mine] of this.rifVotes) for (const [targetId, vote] of mine) out.push({ voterId, targetId, vote });
    return out;
  }

  verdicts(eligible: ReadonlySet<string>): Verdict[] {
    return tally(
      this.cases.map((c) => c.participantId),
      this.allRifVotes(),
      eligible,
    );
  }

  /** People who have cast at least one keep/let-go ballot: room-level turnout, like the conference's. */
  votersSoFar(eligible: ReadonlySet<string>): number {
    let n = 0;
    for (const [voterId, mine] of this.rifVotes) if (mine.size > 0 && eligible.has(voterId)) n += 1;
    return n;
  }

  ballotsCast(): number {
    let n = 0;
    for (const mine of this.rifVotes.values()) n += mine.size;
    return n;
  }

  allProposalVotes(): { proposalId: string; voterId: string; vote: "for" | "against" }[] {
    const out: { proposalId: string; voterId: string; vote: "for" | "against" }[] = [];
    for (const [proposalId, votes] of this.proposalVotes) for (const [voterId, vote] of votes) out.push({ proposalId, voterId, vote });
    return out;
  }

  tallies(eligible: ReadonlySet<string>, needed: number) {
    return tallyProposals(
      this.proposals.map((p) => ({ id: p.id, kind: p.kind as AmendmentKind, accepted: p.accepted, hidden: p.hidden })),
      this.allProposalVotes(),
      eligible,
      needed,
    );
  }
}

/** Denunciations and appeals of the round whose scores are on the board. */
export class TribunalState {
  denunciations: Denunciation[] = [];
  appeals = new Map<string, { text: string; hidden: boolean }>();

  constructor(readonly config: TribunalConfig | null) {}

  static from(data: RoundInteractions, config: TribunalConfig | null): TribunalState {
    const t = new TribunalState(config);
    t.denunciations = data.denunciations.map((d) => ({ accuserId: d.accuserId, accusedId: d.accusedId, charge: d.charge, hidden: d.hidden }));
    for (const a of data.appeals) t.appeals.set(a.participantId, { text: a.text, hidden: a.hidden });
    return t;
  }

  adjustments(includeRewards: boolean): Map<string, number> {
    if (!this.config || this.denunciations.length === 0) return new Map();
    return scoreAdjustments(this.denunciations, this.config, includeRewards);
  }

  /** Charges against one person (for their own phone): text and count, never who. */
  chargesAgainst(participantId: string): { charge: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const d of withholdHidden(this.denunciations)) if (d.accusedId === participantId) counts.set(d.charge, (counts.get(d.charge) ?? 0) + 1);
    return [...counts].map(([charge, count]) => ({ charge, count })).sort((a, b) => b.count - a.count || a.charge.localeCompare(b.charge));
  }

  denouncedBy(accuserId: string): string[] {
    return this.denunciations.filter((d) => d.accuserId === accuserId).map((d) => d.accusedId);
  }
}

export interface CaseView {
  participantId: string;
  displayName: string;
  position: number;
  rankAtSelection: number | null;
  /** "none" = nothing written (shown as "no statement"). */
  statementStatus: "written" | "none";
  /** Public once it has been on the projector (null while hidden or not yet shown); the control room sees it always. */
  statement: string | null;
  hidden: boolean;
  shown: boolean;
  /** keep/letGo are null when fewer than three people voted on this case (only the outcome is published). */
  verdict: { keep: number | null; letGo: number | null; outcome: "kept" | "let_go" } | null;
}

export interface RoundPayload {
  round: number;
  kind: RoundKind;
  rif: {
    stage: RifStageName;
    statementEndsAt: string | null;
    autoAdvanceSeconds: number | null;
    showing: number | null;
    cases: CaseView[];
    /** Control room only: ballots cast so far (all cases together, never per person). */
    ballots?: number;
    /** How many people may vote (active and not at risk). */
    electorate: number;
    /** How many of them have voted at all during the hearing (turnout, never how or on whom). */
    voted: number;
  } | null;
  tribunal: {
    charges: string[];
    penalty: number;
    cap: number;
    reward: number;
    open: boolean;
    total: number;
    feed: { participantId: string; displayName: string; accusers: number; charges: { charge: string; count: number; hidden?: boolean }[]; penalty: number; appeal: string | null; appealHidden?: boolean }[];
  } | null;
  conference: {
    menu: AmendmentKind[];
    thresholdPercent: number | null;
    needed: number;
    active: number;
    decided: boolean;
    proposals: {
      id: string;
      kind: AmendmentKind;
      text: string;
      /** Ballots cast; the for/against split is only shown once the conference is decided. */
      ballots: number;
      for: number | null;
      against: number | null;
      status: "open" | "passed" | "failed";
      accepted: boolean | null;
      /** Withheld by the facilitator: public screens see WITHHELD_PROPOSAL and may not vote on it. */
      hidden: boolean;
    }[];
  } | null;
  /** Rule changes in force, decided by the production conference. */
  amendments: { kind: AmendmentKind; text: string; round: number }[];
}

export interface PayloadContext {
  round: number;
  settings: RoundSettings;
  roundOpen: boolean;
  names: ReadonlyMap<string, string>;
  /** Active participants (eligible voters). */
  active: ReadonlySet<string>;
  state: RoundState;
  tribunal: TribunalState | null;
  /** The tribunal's round is the current one and still open. */
  tribunalLive: boolean;
  amendments: Amendment[];
  now: number;
}

/** A revealed verdict as screens show it: the counts only when at least three people voted on the case. */
function verdictView(keep: number, letGo: number, outcome: "kept" | "let_go"): CaseView["verdict"] {
  const split = publishedSplit(keep, letGo);
  return { keep: split.yes, letGo: split.no, outcome };
}

export function roundPayload(ctx: PayloadContext, view: "public" | "control"): RoundPayload {
  const { settings, state } = ctx;
  const control = view === "control";
  let rif: RoundPayload["rif"] = null;
  if (settings.kind === "rif" && settings.rif) {
    const auto = settings.rif.autoAdvanceSeconds;
    const showing = state.showingNow(ctx.now, auto);
    const maxShown = state.maxShownNow(ctx.now, auto);
    const hearing = state.stage.stage !== "statements";
    const revealed = state.stage.stage === "revealed";
    const atRisk = new Set(state.cases.map((c) => c.participantId));
    rif = {
      stage: state.stage.stage,
      statementEndsAt: state.stage.statementEndsAt === null ? null : new Date(state.stage.statementEndsAt).toISOString(),
      autoAdvanceSeconds: auto,
      showing: hearing ? showing : null,
      cases: state.cases.map((c, i) => {
        const shown = hearing && i <= maxShown;
        const written = c.statement !== null && c.statement.trim() !== "";
        return {
          participantId: c.participantId,
          displayName: ctx.names.get(c.participantId) ?? "Former colleague",
          position: c.position,
          rankAtSelection: c.rank,
          statementStatus: written ? "written" : "none",
          statement: control ? c.statement : shown && !c.hidden ? c.statement : null,
          hidden: c.hidden,
          shown,
          verdict: revealed && c.outcome ? verdictView(c.keepVotes ?? 0, c.letGoVotes ?? 0, c.outcome) : null,
        };
      }),
      ...(control ? { ballots: state.ballotsCast() } : {}),
      electorate: [...ctx.active].filter((id) => !atRisk.has(id)).length,
      // Turnout only (who voted at all, never how or on whom): the projector's "Answer on your phone — 4 of 6".
      voted: hearing ? state.votersSoFar(new Set([...ctx.active].filter((id) => !atRisk.has(id)))) : 0,
    };
  }
  let tribunal: RoundPayload["tribunal"] = null;
  if (ctx.tribunal?.config && settings.kind === "tribunal") {
    const t = ctx.tribunal;
    const config = t.config!;
    const appeals = new Map<string, string>();
    for (const [id, a] of t.appeals) if (control || !a.hidden) appeals.set(id, a.text);
    // Withheld charges: the public feed has WITHHELD_CHARGE in their place; the control room keeps the words, marked hidden.
    const items = feed(control ? t.denunciations : withholdHidden(t.denunciations), ctx.names, t.adjustments(false), appeals);
    tribunal = {
      charges: config.charges,
      penalty: config.penalty,
      cap: config.cap,
      reward: config.reward,
      open: ctx.tribunalLive,
      total: t.denunciations.length,
      feed: control
        ? items.map((i) => ({
            ...i,
            charges: i.charges.map((c) => ({ ...c, hidden: isChargeHidden(t.denunciations, i.participantId, c.charge) })),
            appealHidden: t.appeals.get(i.participantId)?.hidden ?? false,
          }))
        : items,
    };
  }
  let conference: RoundPayload["conference"] = null;
  if (settings.kind === "conference" && settings.conference) {
    const c = settings.conference;
    const needed = votesNeeded(ctx.active.size, c.thresholdPercent);
    const decided = state.proposals.some((p) => p.status !== "open") && !ctx.roundOpen;
    conference = {
      menu: c.menu,
      thresholdPercent: c.thresholdPercent,
      needed,
      active: ctx.active.size,
      decided,
      proposals: state.proposals.map((p) => {
        const votes = state.proposalVotes.get(p.id);
        // Fewer than three voters on a proposal: only its outcome is published (lib/domain/rounds/electorate.ts).
        const split = decided ? publishedSplit(p.forVotes, p.againstVotes) : { yes: null, no: null };
        return {
          id: p.id,
          kind: p.kind as AmendmentKind,
          // A withheld free-text proposal: its words stay in the control room only.
          text: p.hidden && !control ? WITHHELD_PROPOSAL : describeAmendment({ kind: p.kind as AmendmentKind, value: p.value ?? undefined, text: p.text }),
          value: p.value ?? null,
          hidden: p.hidden,
          ballots: votes?.size ?? 0,
          // Live for/against counts would tell anyone watching a voter's thumb how they voted, so
          // until the conference is decided every screen (the control room too) sees only turnout.
          // Counted among the active participants when the conference closed (hub.onRoundClosed).
          for: split.yes,
          against: split.no,
          status: p.status,
          accepted: p.accepted,
        };
      }),
    };
  }
  return {
    round: ctx.round,
    kind: settings.kind,
    rif,
    tribunal,
    conference,
    amendments: ctx.amendments.map((a) => ({ kind: a.kind, text: describeAmendment(a), value: a.value ?? null, round: a.round })),
  };
}

/** What one participant's own phone needs: their statement, their own votes and charges made, charges against them. */
export function personalPayload(ctx: PayloadContext, participantId: string) {
  const { settings, state } = ctx;
  const out: {
    rif?: { atRisk: boolean; statement: string | null; votes: Record<string, Vote> };
    tribunal?: { charges: { charge: string; count: number }[]; accusers: number; appeal: string | null; denounced: string[] };
    conference?: { votes: Record<string, "for" | "against">; proposalsLeft: number };
  } = {};
  if (settings.kind === "rif") {
    const mine = state.caseOf(participantId);
    out.rif = {
      atRisk: mine !== undefined,
      statement: mine?.statement ?? null,
      votes: Object.fromEntries(state.rifVotes.get(participantId) ?? []),
    };
  }
  if (ctx.tribunal?.config && settings.kind === "tribunal") {
    const t = ctx.tribunal;
    out.tribunal = {
      charges: t.chargesAgainst(participantId),
      accusers: new Set(t.denunciations.filter((d) => d.accusedId === participantId).map((d) => d.accuserId)).size,
      appeal: t.appeals.get(participantId)?.text ?? null,
      denounced: t.denouncedBy(participantId),
    };
  }
  if (settings.kind === "conference") {
    const votes: Record<string, "for" | "against"> = {};
    for (const [proposalId, map] of state.proposalVotes) {
      const v = map.get(participantId);
      if (v) votes[proposalId] = v;
    }
    out.conference = { votes, proposalsLeft: Math.max(0, PROPOSALS_PER_PERSON - state.proposals.filter((p) => p.authorId === participantId).length) };
  }
  return out;
}
