import { loadHub } from "@/lib/api/context";
import { json, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Public session state: phase, round and timer, dimensions and scale. */
export const GET = route<Ctx>(async (_request, { params }) => {
  const hub = await loadHub((await params).code);
  return json(hub.publicSession());
});
