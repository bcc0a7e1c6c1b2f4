import { requireOwnedSessionData } from "@/lib/debrief/access";
import { toCsv, toJson, type ExportKind } from "@/lib/debrief/exports";
import { serveExport } from "@/lib/debrief/serve";
import { AppError } from "@/lib/errors";
import { otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; file: string }> };

/**
 * Facilitator: ratings.csv|json (round, target, dimension, score: no rater, no time; 409 until the session has
 * ended), scores.csv|json (per round), reflections.csv|json, scenes.csv|json (the interactive rounds). While the
 * session runs, closed rounds only.
 */
export const GET = route<Ctx>(async (request, { params }) => {
  const { code, file } = await params;
  const match = /^(ratings|scores|reflections|scenes)\.(csv|json)$/.exec(file);
  if (!match) throw new AppError("not_found", "Exports are ratings, scores, reflections or scenes, as .csv or .json.");
  const data = await requireOwnedSessionData(request, code);
  const [, kind, format] = match as unknown as [string, ExportKind, "csv" | "json"];
  const table = await serveExport(data, kind);
  const filename = `stakhanov-${data.session.code}-${kind}.${format}`;
  const body = format === "csv" ? toCsv(table) : JSON.stringify(toJson(table), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
