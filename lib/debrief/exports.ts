// CSV and JSON exports with pseudonymised ids (columns documented in docs/api.md).
import crypto from "node:crypto";
import { scoreRounds } from "./build";
import type { SessionData } from "./data";

type Table = { columns: string[]; rows: (string | number | null)[][] };

function csvCell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  // Quote when needed; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Table): string {
  return [table.columns.join(","), ...table.rows.map((r) => r.map(csvCell).join(","))].join("\r\n") + "\r\n";
}

export function toJson(table: Table): unknown[] {
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i] ?? null])));
}

export function exportTable(data: SessionData, kind: "ratings" | "scores" | "reflections"): Table {
  const pseudo = new Map(data.participants.map((p) => [p.id, p.pseudonym]));
  const raterPseudo = new Map(data.participants.map((p) => [p.id, p.raterPseudonym]));
  const p = (id: string) => pseudo.get(id) ?? "?";
  if (kind === "ratings") {
    // Raters in their own namespace (R01…), so rows cannot be joined to scores or ranks by id.
    return {
      columns: ["round", "rater", "target", "dimension", "score", "timestamp"],
      rows: data.events.map((e) => [e.round, raterPseudo.get(e.raterId) ?? "?", p(e.targetId), e.dimension, e.score, new Date(e.at).toISOString()]),
    };
  }
  if (kind === "scores") {
    const rounds = scoreRounds(data);
    return {
      columns: ["round", "participant", "score", "rank", "band", "rules"],
      rows: rounds.flatMap((r) => [...r.scores].map(([id, score]) => [r.number, p(id), score, r.ranks.get(id) ?? null, r.bands.get(id) ?? null, r.rules.join("; ")])),
    };
  }
  const items = ["never-good-enough", "rated-strategically", "trusted-others", "watched-board", "score-reflects-me"];
  // Reflections are anonymous: no participant column, in an order unrelated to who answered when.
  const key = (id: string) => crypto.createHash("sha256").update(`${data.session.id}:${id}`).digest("hex");
  const sorted = [...data.reflections].sort((a, b) => (key(a.id) < key(b.id) ? -1 : 1));
  return { columns: [...items, "text"], rows: sorted.map((r) => [...items.map((k) => r.answers[k] ?? null), r.text]) };
}
