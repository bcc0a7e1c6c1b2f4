// Idempotency keys for taps a phone sends again after losing its connection: the first request with
// a key does the work, any repeat (same caller, same key, within ten minutes) gets the first answer.
// Per instance and in memory: a repeat normally follows within seconds, and a rating is "latest score
// wins" anyway, so a repeat reaching another instance stores the same value again (harmless).

const TTL_MS = 10 * 60_000;
const MAX_KEYS = 20_000;

interface Entry<T> {
  at: number;
  answer: Promise<T>;
}

export class IdempotencyStore<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `work` once per (scope, key); a repeat awaits the first run's answer. A failed run is forgotten so it can be tried again. */
  run(scope: string, key: string | null, work: () => Promise<T>): Promise<T> {
    if (!key) return work();
    const id = `${scope}\u0000${key}`;
    const now = this.now();
    const found = this.entries.get(id);
    if (found && now - found.at < TTL_MS) return found.answer;
    this.prune(now);
    const answer = work();
    this.entries.set(id, { at: now, answer });
    answer.catch(() => {
      if (this.entries.get(id)?.answer === answer) this.entries.delete(id);
    });
    return answer;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [id, e] of this.entries) {
      if (now - e.at < TTL_MS && this.entries.size < MAX_KEYS) break;
      this.entries.delete(id);
    }
  }
}

/** An Idempotency-Key header: up to 100 visible ASCII characters, else none. */
export function idempotencyKey(request: Pick<Request, "headers">): string | null {
  const key = request.headers.get("idempotency-key");
  return key && /^[\x21-\x7e]{1,100}$/.test(key) ? key : null;
}
