// CSV and JSON exports with pseudonymised ids (columns documented in docs/api.md).
import crypto from "node:crypto";
import { scoreRounds } from "./build";
import { buildScenes } from "./scenes";
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

export type ExportKind = "ratings" | "scores" | "reflections" | "scenes";

export function exportTable(data: SessionData, kind: ExportKind): Table {
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
  // Reflections are anonymous: no participant column, in an order unrelated to who answered when.
  const key = (id: string) => crypto.createHash("sha256").update(`${data.session.id}:${id}`).digest("hex");
  const sorted = [...data.reflections].sort((a, b) => (key(a.id) < key(b.id) ? -1 : 1));
  return { columns: [...items, "text"], rows: sorted.map((r) => [...items.map((k) => r.answers[k] ?? null), r.text]) };
}
