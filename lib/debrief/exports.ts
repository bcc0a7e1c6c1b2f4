// CSV and JSON exports with pseudonymised ids (columns documented in docs/api.md).
// Every export carries the round, never a timestamp. The ratings export has no
// rater column at all and waits for the end of the session; the others show
// closed rounds only while the session runs (visibleData).
import { AppError } from "../errors";
import { pairwiseOpen, scoreRounds, visibleData } from "./build";
import { buildScenes } from "./scenes";
import type { SessionData } from "./data";

export type Table = { columns: string[]; rows: (string | number | null)[][] };

/** The 409's sentence for the ratings export before the end. */
export const RATINGS_EXPORT_LOCKED =
  "The ratings export opens once the session has ended: while it runs, it could be set against the live board to tell who rated whom.";

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

export type ExportKind = "ratings" | "scores" | "reflections" | "scenes";

export function exportTable(all: SessionData, kind: ExportKind): Table {
  const data = visibleData(all);
  const pseudo = new Map(data.participants.map((p) => [p.id, p.pseudonym]));
  const p = (id: string) => pseudo.get(id) ?? "?";
  if (kind === "ratings") {
    if (!pairwiseOpen(all)) throw new AppError("conflict", RATINGS_EXPORT_LOCKED);
    // One row per rating (the latest score a rater gave someone on a dimension in a round), with no rater
    // column: where everyone rates everyone else, a rater column is re-identified by the one person each
    // rater leaves out (themself). Sorted by content, so row order says nothing about who rated when.
    const rows = data.ratings
      .map((r) => [r.round, p(r.targetId), r.dimension, r.score] as [number, string, string, number])
      .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]) || a[3] - b[3]);
    return { columns: ["round", "target", "dimension", "score"], rows };
  }
  if (kind === "scores") {
    const rounds = scoreRounds(data);
    return {
      columns: ["round", "participant", "score", "rank", "band", "rules"],
      rows: rounds.flatMap((r) => [...r.scores].map(([id, score]) => [r.number, p(id), score, r.ranks.get(id) ?? null, r.bands.get(id) ?? null, r.rules.join("; ")])),
    };
  }
  if (kind === "scenes") {
    // The interactive rounds in long form: one measured item per row. Accusers and voters appear only as counts.
    const scenes = buildScenes(data, pseudo);
    const rows: (string | number | null)[][] = [];
    for (const t of scenes.tribunals) {
      for (const person of t.people) {
        rows.push([t.round, "tribunal", person.who, "accusers", person.accusers], [t.round, "tribunal", person.who, "penalty", person.penalty]);
      }
      for (const c of t.byCharge) rows.push([t.round, "tribunal", "all", `charge: ${c.charge}`, c.count]);
    }
    for (const r of scenes.rifs) {
      for (const c of r.cases) {
        rows.push(
          [r.round, "rif", c.who, "rank at selection", c.rank],
          [r.round, "rif", c.who, "statement", c.hidden ? "(hidden by the facilitator)" : c.statement],
          [r.round, "rif", c.who, "keep votes", c.keep],
          [r.round, "rif", c.who, "let-go votes", c.letGo],
          [r.round, "rif", c.who, "outcome", c.outcome],
        );
      }
    }
    for (const c of scenes.conferences) {
      for (const p of c.proposals) {
        rows.push([c.round, "conference", p.text, "ballots", p.ballots], [c.round, "conference", p.text, "for", p.for], [c.round, "conference", p.text, "against", p.against], [c.round, "conference", p.text, "status", p.status]);
      }
    }
    return { columns: ["round", "scene", "subject", "item", "value"], rows };
  }
  const items = ["never-good-enough", "rated-strategically", "trusted-others", "watched-board", "score-reflects-me"];
  // Reflections are anonymous: no participant column, in keyed-hash order (data.ts), unrelated to who answered when.
  return { columns: [...items, "text"], rows: data.reflections.map((r) => [...items.map((k) => r.answers[k] ?? null), r.text]) };
}
