import { describe, expect, it } from "vitest";
import { publicScreensOpen } from "./public-screens";

const H = 60 * 60 * 1000;
const end = new Date("2026-11-29T10:00:00Z");

describe("publicScreensOpen", () => {
  it.each([
    ["a session that runs", { phase: "round_open", endedAt: null, archivedAt: null }, end.getTime() + 1000 * H, 24, true],
    ["the lobby", { phase: "lobby", endedAt: null, archivedAt: null }, 0, 0, true],
    ["just ended", { phase: "ended", endedAt: end, archivedAt: null }, end.getTime() + 1, 24, true],
    ["ended a day ago, to the millisecond", { phase: "ended", endedAt: end, archivedAt: null }, end.getTime() + 24 * H, 24, false],
    ["ended 23 h 59 min ago", { phase: "ended", endedAt: end, archivedAt: null }, end.getTime() + 24 * H - 60_000, 24, true],
    ["0 hours: closes at the end", { phase: "ended", endedAt: end, archivedAt: null }, end.getTime(), 0, false],
    ["ended before the end was stamped", { phase: "ended", endedAt: null, archivedAt: null }, end.getTime(), 24, false],
    ["archived while running: the archive counts as the end", { phase: "round_closed", endedAt: null, archivedAt: end }, end.getTime() + 23 * H, 24, true],
    ["archived while running, a day later", { phase: "round_closed", endedAt: null, archivedAt: end }, end.getTime() + 24 * H, 24, false],
    ["archived a week after the end: the end counts", { phase: "ended", endedAt: end, archivedAt: new Date(end.getTime() + 168 * H) }, end.getTime() + 25 * H, 24, false],
    ["archived right after the end", { phase: "ended", endedAt: end, archivedAt: end }, end.getTime() + H, 24, true],
  ])("%s", (_name, session, now, hours, open) => {
    expect(publicScreensOpen(session, now, hours)).toBe(open);
  });
});
