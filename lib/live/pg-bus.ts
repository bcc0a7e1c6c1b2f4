// Cross-instance fan-out through PostgreSQL LISTEN/NOTIFY. Local delivery is
// the in-process publisher; announce() sends one NOTIFY to every instance
// (one per coalesced leaderboard flush, never one per rating), and each
// receiving instance hands the message to its hubs, which re-read what changed
// from the database and publish locally. A dropped LISTEN connection is
// re-established, and then every loaded hub resynchronizes in full, since
// notifications sent meanwhile are lost.
import crypto from "node:crypto";
import { Client, type Pool } from "pg";
import { InProcessPublisher, type FanoutMessage } from "./bus";

const FANOUT_CHANNEL = "stakhanov_live";
/** NOTIFY payloads must stay under 8,000 bytes: rating ids go out in chunks of this many. */
export const MAX_IDS_PER_NOTIFY = 600;

export type RemoteMessage = FanoutMessage | { kind: "resync" };

interface Wire {
  o: string;
  m: FanoutMessage;
}

/** Splits a message into payloads that fit one NOTIFY each. */
export function encodeFanout(origin: string, message: FanoutMessage): string[] {
  if (message.kind !== "ratings" || message.ids.length <= MAX_IDS_PER_NOTIFY) return [JSON.stringify({ o: origin, m: message } satisfies Wire)];
  const out: string[] = [];
  for (let i = 0; i < message.ids.length; i += MAX_IDS_PER_NOTIFY) {
    out.push(JSON.stringify({ o: origin, m: { ...message, ids: message.ids.slice(i, i + MAX_IDS_PER_NOTIFY) } } satisfies Wire));
  }
  return out;
}

/** The message of a payload from another instance; null for our own or a malformed one. */
export function decodeFanout(origin: string, payload: string | undefined): FanoutMessage | null {
  if (!payload) return null;
  try {
    const wire = JSON.parse(payload) as Wire;
    if (wire.o === origin || typeof wire.m?.code !== "string") return null;
    if (wire.m.kind === "ratings") return Array.isArray(wire.m.ids) && wire.m.ids.every(Number.isInteger) ? wire.m : null;
    if (wire.m.kind === "participant") return typeof wire.m.id === "string" ? wire.m : null;
    return wire.m.kind === "state" || wire.m.kind === "deleted" ? wire.m : null;
  } catch {
    return null;
  }
}

export class PgPublisher<E> extends InProcessPublisher<E> {
  readonly origin = crypto.randomUUID();
  private listener: Client | null = null;
  private stopped = false;
  private connected = false;
  /** Resolves once LISTEN is in place (the first time). */
  readonly ready: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly pool: Pool,
    private readonly onRemote: (message: RemoteMessage) => void,
  ) {
    super();
    this.ready = this.listen();
  }

  announce(message: FanoutMessage): void {
    for (const payload of encodeFanout(this.origin, message)) {
      this.pool.query("SELECT pg_notify($1, $2)", [FANOUT_CHANNEL, payload]).catch((error: unknown) => console.error("live fan-out: NOTIFY failed:", error));
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    while (!this.stopped) {
      const client = new Client({ connectionString: this.url });
      try {
        client.on("notification", (n) => {
          if (n.channel !== FANOUT_CHANNEL) return;
          const message = decodeFanout(this.origin, n.payload);
          if (message) this.deliver(message);
        });
        client.on("error", (error) => console.error("live fan-out: LISTEN connection error:", error.message));
        client.on("end", () => {
          if (this.listener !== client || this.stopped) return;
          this.listener = null;
          this.connected = false;
          setTimeout(() => void this.listen(), 500).unref?.();
        });
        await client.connect();
        await client.query(`LISTEN ${FANOUT_CHANNEL}`);
        this.listener = client;
        const again = this.connected === false && this.everConnected;
        this.connected = true;
        this.everConnected = true;
        // Whatever was announced while we were away is lost: re-read everything.
        if (again) this.deliver({ kind: "resync" });
        return;
      } catch (error) {
        console.error("live fan-out: cannot LISTEN yet:", error instanceof Error ? error.message : error);
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  private everConnected = false;

  private deliver(message: RemoteMessage): void {
    try {
      this.onRemote(message);
    } catch (error) {
      console.error("live fan-out: handling a message failed:", error);
    }
  }
}
