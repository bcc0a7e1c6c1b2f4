// The publisher interface live updates go through. One in-process
// implementation today; a cross-instance one (PostgreSQL LISTEN/NOTIFY) can
// sit behind the same interface later.

export interface Publisher<E> {
  publish(channel: string, event: E): void;
  subscribe(channel: string, listener: (event: E) => void): () => void;
  listenerCount(channel: string): number;
}

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

  listenerCount(channel: string): number {
    return this.channels.get(channel)?.size ?? 0;
  }
}
