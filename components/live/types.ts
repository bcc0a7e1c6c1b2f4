// Shapes of the live payloads, taken from the server code as types only (erased at build).
import type { BoardPayload, PublicEntry, SessionHub } from "@/lib/live/hub";

export type { BoardPayload, PublicEntry };
/** `receivedAt` is added on the device when a live event arrives. */
export type PublicSession = ReturnType<SessionHub["publicSession"]> & { receivedAt?: number };
export type MePayload = NonNullable<ReturnType<SessionHub["mePayload"]>>;
export type ControlPayload = ReturnType<SessionHub["controlPayload"]>;
export type { RoundPayload } from "@/lib/live/interactive";
export type { RosterPayload } from "@/lib/live/roster";
