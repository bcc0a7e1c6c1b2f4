// The publisher interface live updates go through. In-process by default;
// with PostgreSQL, PgPublisher (lib/live/pg-bus.ts) adds announce() across instances.

export interface Publisher<E> {
  publish(channel: string, event: E): void;
  subscribe(channel: string, listener: (event: E) => void): () => void;
  /** Tells the other app instances (PostgreSQL LISTEN/NOTIFY, lib/live/pg-bus.ts); absent with one instance. */
  announce?(message: FanoutMessage): void;
}

/** What one instance tells the others about a session; they re-read the database and publish locally. */
export type FanoutMessage =
  | { code: string; kind: "ratings"; ids: number[] }
  | { code: string; kind: "state" }
  | { code: string; kind: "participant"; id: string }
  | { code: string; kind: "deleted" };

export class InProcessPublisher<E> implements Publisher<E> {
  private readonly channels = new Map<string, Set<(event: E) => void>>();

  publish(channel: string, event: E): void {
    for (const listener of this.channels.get(channel) ?? []) {
      try {
        listener(event);
      } catch (error) {
        // One broken connection must not stop the broadcast to the others.
        console.error("live listener failed:", error);
      }
    }
  }

  subscribe(channel: string, listener: (event: E) => void): () => void {
    let set = this.channels.get(channel);
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
    }
    set.add(listener);
    return () => {
      const current = this.channels.get(channel);
      current?.delete(listener);
      if (current && current.size === 0) this.channels.delete(channel);
    };
  }
}
