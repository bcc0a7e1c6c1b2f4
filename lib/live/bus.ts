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

/**
 * Listeners served in one go. A channel with more (a lecture hall: one per phone) is served in slices
 * of this many with a turn of the event loop between them, so a release to 2,000 phones (each builds
 * and writes its frames) does not hold up the ratings that arrive meanwhile (docs/decisions/0023).
 */
const FANOUT_SLICE = 250;

type Delivery<E> = { event: E; listeners: ((event: E) => void)[]; next: number };

export class InProcessPublisher<E> implements Publisher<E> {
  private readonly channels = new Map<string, Set<(event: E) => void>>();
  /** Per channel, the signals still being delivered in slices, in publish order. */
  private readonly pending = new Map<string, Delivery<E>[]>();

  constructor(private readonly slice = FANOUT_SLICE) {}

  publish(channel: string, event: E): void {
    const set = this.channels.get(channel);
    if (!set) return;
    const queue = this.pending.get(channel);
    // Every listener gets the signals in publish order: behind a delivery still in slices, queue.
    if (queue) {
      queue.push({ event, listeners: [...set], next: 0 });
      return;
    }
    if (set.size <= this.slice) {
      for (const listener of [...set]) this.call(listener, event);
      return;
    }
    this.pending.set(channel, [{ event, listeners: [...set], next: 0 }]);
    this.deliverSlice(channel);
  }

  private deliverSlice(channel: string): void {
    const queue = this.pending.get(channel);
    if (!queue) return;
    const delivery = queue[0]!;
    const set = this.channels.get(channel);
    const end = Math.min(delivery.listeners.length, delivery.next + this.slice);
    for (; delivery.next < end; delivery.next++) {
      const listener = delivery.listeners[delivery.next]!;
      // Unsubscribed since (the connection closed): skip. Subscribed since: it got a full snapshot on connect.
      if (set?.has(listener)) this.call(listener, delivery.event);
    }
    if (delivery.next >= delivery.listeners.length) queue.shift();
    if (queue.length === 0) this.pending.delete(channel);
    else setImmediate(() => this.deliverSlice(channel));
  }

  private call(listener: (event: E) => void, event: E): void {
    try {
      listener(event);
    } catch (error) {
      // One broken connection must not stop the broadcast to the others.
      console.error("live listener failed:", error);
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
