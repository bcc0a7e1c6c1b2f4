import { openEvents } from "@/lib/api/events";
import { errorResponse, otherMethods } from "@/lib/http";
import { eventStream } from "@/lib/live/sse";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/**
 * Live updates as Server-Sent Events (lib/api/events.ts). `npm start` serves this path from the
 * custom server's hot handler (lib/server/hot.ts) with the same implementation; this route answers
 * under `next dev`, with STAKHANOV_HOT_PATH=off, and for what the hot handler hands over (the
 * facilitator's control view).
 */
export async function GET(request: Request, { params }: Ctx) {
  // Listen for the disconnect before any await, so an early leave is never missed.
  const signal = request.signal;
  try {
    const start = await openEvents(request, (await params).code, signal, true);
    return eventStream(signal, start!);
  } catch (error) {
    return errorResponse(error);
  }
}

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
