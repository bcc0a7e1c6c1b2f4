// Shapes of the live payloads, taken from the server code as types only (erased at build).
import type { BoardPayload, PublicEntry, SessionHub } from "@/lib/live/hub";

export type { BoardPayload, PublicEntry };
export type PublicSession = ReturnType<SessionHub["publicSession"]>;
export type MePayload = NonNullable<ReturnType<SessionHub["mePayload"]>>;
export type ControlPayload = ReturnType<SessionHub["controlPayload"]>;
