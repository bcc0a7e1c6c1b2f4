// What subscribers of a session's channel are told; each connection then pulls
// the payload its viewer may see (lib/live/views.ts).
export type HubSignal =
  | { kind: "phase" }
  | { kind: "board"; version: number }
  | { kind: "control" }
  | { kind: "removed"; participantId: string; status: "kicked" | "banned" }
  | { kind: "closed" };

export const channelOf = (code: string) => `session:${code}`;
