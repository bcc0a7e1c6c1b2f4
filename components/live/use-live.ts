"use client";

// One EventSource per URL, shared by every component that listens to it, with
// reconnection and exponential backoff (1 s → 15 s). The server sends a full
// snapshot on every (re)connect, so nothing is missed while disconnected.
import { useEffect, useState } from "react";
import { applyRosterDelta, type RosterDelta, type RosterSnapshot } from "@/lib/live/roster-delta";

type Listener = (event: string, data: unknown) => void;

interface Shared {
  source: EventSource | null;
  listeners: Set<Listener>;
  statusListeners: Set<(s: LiveStatus) => void>;
  status: LiveStatus;
  retry: number;
  timer: ReturnType<typeof setTimeout> | null;
  events: string[];
  last: Map<string, unknown>;
}

export type LiveStatus = "connecting" | "live" | "reconnecting" | "closed";

const shared = new Map<string, Shared>();
const EVENTS = ["phase", "roster", "roster-delta", "leaderboard", "me", "round", "control", "removed", "closed"];

function open(url: string, s: Shared) {
  const source = new EventSource(url);
  s.source = source;
  source.onopen = () => {
    s.retry = 0;
    setStatus(s, "live");
  };
  source.onerror = () => {
    source.close();
    s.source = null;
    if (s.status === "closed") return;
    setStatus(s, "reconnecting");
    const delay = Math.min(15_000, 1_000 * 2 ** s.retry) * (0.75 + Math.random() * 0.5);
    s.retry += 1;
    s.timer = setTimeout(() => open(url, s), delay);
  };
  for (const eventName of EVENTS) {
    source.addEventListener(eventName, (e) => {
      let name = eventName;
      let data: unknown = null;
      try {
        data = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return;
      }
      if (name === "roster-delta") {
        // Only what changed since the roster this page has (lib/live/roster-delta.ts); listeners see a
        // whole roster as before. Out of step (it never should be): start over with a full snapshot.
        const roster = applyRosterDelta(s.last.get("roster") as RosterSnapshot | undefined, data as RosterDelta);
        if (!roster) {
          source.close();
          s.source = null;
          open(url, s);
          return;
        }
        name = "roster";
        data = roster;
      }
      // When it arrived, by this device's clock: countdowns add the server's remainingMs to it.
      if (data && typeof data === "object") (data as { receivedAt?: number }).receivedAt = Date.now();
      s.last.set(name, data);
      for (const l of s.listeners) l(name, data);
      if (name === "removed" || name === "closed") {
        setStatus(s, "closed");
        source.close();
      }
    });
  }
}

function setStatus(s: Shared, status: LiveStatus) {
  s.status = status;
  for (const l of s.statusListeners) l(status);
}

function subscribe(url: string, listener: Listener, onStatus: (s: LiveStatus) => void): () => void {
  let s = shared.get(url);
  if (!s) {
    s = { source: null, listeners: new Set(), statusListeners: new Set(), status: "connecting", retry: 0, timer: null, events: EVENTS, last: new Map() };
    shared.set(url, s);
    open(url, s);
  }
  const entry = s;
  entry.listeners.add(listener);
  entry.statusListeners.add(onStatus);
  onStatus(entry.status);
  for (const [name, data] of entry.last) listener(name, data);
  return () => {
    entry.listeners.delete(listener);
    entry.statusListeners.delete(onStatus);
    if (entry.listeners.size === 0) {
      entry.source?.close();
      if (entry.timer) clearTimeout(entry.timer);
      shared.delete(url);
    }
  };
}

/** Latest payload of each named event from a live stream, plus the connection status. */
export function useLive<T extends Record<string, unknown>>(url: string | null) {
  const [state, setState] = useState<{ url: string | null; data: Partial<T> }>({ url, data: {} });
  const [status, setStatusState] = useState<LiveStatus>("connecting");
  useEffect(() => {
    if (!url) return;
    return subscribe(
      url,
      // Events of an earlier stream (before joining, say) never leak into a new one.
      (event, payload) => setState((prev) => ({ url, data: { ...(prev.url === url ? prev.data : {}), [event]: payload } as Partial<T> })),
      setStatusState,
    );
  }, [url]);
  const data = state.url === url ? state.data : ({} as Partial<T>);
  return { ...data, status } as Partial<T> & { status: LiveStatus };
}
