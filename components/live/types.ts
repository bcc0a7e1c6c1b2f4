// Shapes of the live payloads: inferred from the server's view contracts
// (lib/live/contracts.ts), which every payload passes before it is sent.
// Types only (erased at build).
import type { z } from "zod";
import type {
  boardPayloadSchema,
  controlPayloadSchema,
  mePayloadSchema,
  publicEntrySchema,
  publicSessionSchema,
  removedPayloadSchema,
  roundPayloadSchema,
} from "@/lib/live/contracts";

export type BoardPayload = z.infer<typeof boardPayloadSchema>;
export type PublicEntry = z.infer<typeof publicEntrySchema>;
/** `receivedAt` is added on the device when a live event arrives. */
export type PublicSession = z.infer<typeof publicSessionSchema> & { receivedAt?: number };
export type MePayload = z.infer<typeof mePayloadSchema>;
export type ControlPayload = z.infer<typeof controlPayloadSchema>;
export type RoundPayload = z.infer<typeof roundPayloadSchema>;
export type RemovedPayload = z.infer<typeof removedPayloadSchema>;
export type { RosterPayload } from "@/lib/live/roster-view";
