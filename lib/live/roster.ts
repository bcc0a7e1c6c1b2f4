// The session's people as the hub holds them: participants, their tokens,
// joins, renames and removals, who joined during which round, and who is
// connected. Records stay inside; everything outside gets frozen snapshots,
// so a route can never change a participant behind the hub's back.
import { getDb } from "../db/client";
import { removeParticipant as storeRemoval, renameParticipant } from "../db/sessions";
import { AppError } from "../errors";
import type { HubCore } from "./core";

export type ParticipantStatus = "active" | "observer" | "kicked" | "banned";

/** A participant as routes and screens see one: a read-only snapshot. */
export interface HubParticipant {
  readonly id: string;
  readonly displayName: string;
  readonly status: ParticipantStatus;
  readonly tokenHash: string;
  readonly joinedAt: Date;
}

type ParticipantRecord = { -readonly [K in keyof HubParticipant]: HubParticipant[K] };

export interface ParticipantRow {
  id: string;
  displayName: string;
  status: string;
  tokenHash: string;
  joinedAt: Date;
}

const snapshot = (p: ParticipantRecord): HubParticipant => Object.freeze({ ...p });

/** Every participant of a session as stored, oldest first. */
export function loadParticipantRows(sessionId: string): Promise<ParticipantRow[]> {
  return getDb().participant.findMany({
    where: { sessionId },
    select: { id: true, displayName: true, status: true, tokenHash: true, joinedAt: true },
    orderBy: { joinedAt: "asc" },
  });
}

export class Roster {
  private readonly records = new Map<string, ParticipantRecord>();
  private readonly byToken = new Map<string, string>();
  /** Participant id → the round they joined during (they take part from the next round). */
  private readonly joined = new Map<string, number>();
  private readonly connections = new Map<string, number>();
  private screenConnections = 0;
  private streams = 0;

  // ── reading ──

  get(id: string): HubParticipant | null {
    const p = this.records.get(id);
    return p ? snapshot(p) : null;
  }

  byTokenHash(tokenHash: string): HubParticipant | null {
    const id = this.byToken.get(tokenHash);
    return id ? this.get(id) : null;
  }

  status(id: string): ParticipantStatus | null {
    return this.records.get(id)?.status ?? null;
  }

  name(id: string): string | null {
    return this.records.get(id)?.displayName ?? null;
  }

  /** Everyone, as read-only views (the hub's own modules iterate without copying). */
  all(): Iterable<Readonly<ParticipantRecord>> {
    return this.records.values();
  }

  /** Active participants, as snapshots. */
  active(): HubParticipant[] {
    const out: HubParticipant[] = [];
    for (const p of this.records.values()) if (p.status === "active") out.push(snapshot(p));
    return out;
  }

  activeIds(): string[] {
    const out: string[] = [];
    for (const p of this.records.values()) if (p.status === "active") out.push(p.id);
    return out;
  }

  activeCount(): number {
    let n = 0;
    for (const p of this.records.values()) if (p.status === "active") n++;
    return n;
  }

  /** People holding a seat against the participant cap: active and let-go observers (removed people do not). */
  seated(): number {
    let n = 0;
    for (const p of this.records.values()) if (p.status === "active" || p.status === "observer") n++;
    return n;
  }

  names(): Map<string, string> {
    return new Map([...this.records.values()].map((p) => [p.id, p.displayName]));
  }

  /** The round this person joined during (they take part from the next one), if any. */
  joinedDuring(id: string): number | null {
    return this.joined.get(id) ?? null;
  }

  // ── changes (the hub calls these from its command path) ──

  add(p: HubParticipant, joinedDuringRound: number | null): void {
    if (joinedDuringRound !== null) this.joined.set(p.id, joinedDuringRound);
    this.records.set(p.id, { ...p });
    this.byToken.set(p.tokenHash, p.id);
  }

  setToken(id: string, tokenHash: string): boolean {
    const p = this.records.get(id);
    if (!p) return false;
    if (p.tokenHash !== tokenHash) {
      this.byToken.delete(p.tokenHash);
      p.tokenHash = tokenHash;
      this.byToken.set(tokenHash, id);
    }
    return true;
  }

  setStatus(id: string, status: ParticipantStatus): void {
    const p = this.records.get(id);
    if (p) p.status = status;
  }

  setName(id: string, displayName: string): void {
    const p = this.records.get(id);
    if (p) p.displayName = displayName;
  }

  /**
   * A participant as stored (another instance changed it): added, or name, token and status
   * brought up to date. Returns the new status when it changed to a removal.
   */
  applyRow(row: ParticipantRow, joinedDuringRound: number | null): { added: boolean; removed: "kicked" | "banned" | null } {
    const status = row.status as ParticipantStatus;
    const p = this.records.get(row.id);
    if (!p) {
      this.add({ id: row.id, displayName: row.displayName, status, tokenHash: row.tokenHash, joinedAt: row.joinedAt }, joinedDuringRound);
      return { added: true, removed: null };
    }
    this.setToken(row.id, row.tokenHash);
    p.displayName = row.displayName;
    if (p.status === status) return { added: false, removed: null };
    p.status = status;
    return { added: false, removed: status === "kicked" || status === "banned" ? status : null };
  }

  // ── connections ──

  isConnected(id: string): boolean {
    return (this.connections.get(id) ?? 0) > 0;
  }

  get screens(): number {
    return this.screenConnections;
  }

  /** Open live streams of any kind (a hub with none may be evicted when idle). */
  get openStreams(): number {
    return this.streams;
  }

  /** Counts a live connection of a participant (null: a projector screen); returns the release function. */
  connect(participantId: string | null, onChange: () => void): () => void {
    if (participantId) this.connections.set(participantId, (this.connections.get(participantId) ?? 0) + 1);
    else this.screenConnections += 1;
    onChange();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (participantId) {
        const left = (this.connections.get(participantId) ?? 1) - 1;
        if (left <= 0) this.connections.delete(participantId);
        else this.connections.set(participantId, left);
      } else this.screenConnections = Math.max(0, this.screenConnections - 1);
      onChange();
    };
  }

  /** Counts an open stream (any view); returns the release function. */
  holdStream(): () => void {
    this.streams += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.streams = Math.max(0, this.streams - 1);
    };
  }
}

// ── the people commands (run inside the hub's command path, lib/live/hub.ts) ──


/** Registers a participant already stored in the database. */
export function join(core: HubCore, p: HubParticipant): void {
  const state = core.session.state;
  // Joined during an open round (joining was reopened): they take part from the next round.
  core.roster.add(p, state.phase === "round_open" ? state.round : null);
  if (p.status === "active") core.markDirty();
  core.announce({ kind: "participant", id: p.id });
}

/** After a rejoin on another device: the old token stops working. */
export function replaceToken(core: HubCore, participantId: string, tokenHash: string): void {
  if (core.roster.setToken(participantId, tokenHash)) core.announce({ kind: "participant", id: participantId });
}

export async function remove(core: HubCore, participantId: string, status: "kicked" | "banned"): Promise<void> {
  const current = core.roster.status(participantId);
  if (!current) throw new AppError("not_found", "No such participant in this session.");
  if (current === "banned" || current === status) return;
  await storeRemoval(participantId, status);
  core.roster.setStatus(participantId, status);
  // Their ratings keep counting until the round ends: taking them out now would
  // move exactly the scores they gave, telling the room whom they rated.
  core.publish({ kind: "removed", participantId, status });
  core.markDirty();
}

export async function rename(core: HubCore, participantId: string, displayName: string, nameKey: string): Promise<HubParticipant> {
  if (core.roster.status(participantId) !== "active") throw new AppError("not_found", "No such active participant in this session.");
  const result = await renameParticipant(participantId, displayName, nameKey);
  if (result === "name_taken") throw new AppError("conflict", `The name "${displayName}" is already taken in this session.`, { field: "displayName" });
  core.roster.setName(participantId, displayName);
  core.markDirty();
  return core.roster.get(participantId)!;
}
