import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

// Any other /api path: the API's own 404 shape, not the HTML not-found page.
const notFound = route(async () => {
  throw new AppError("not_found", "No such API endpoint. See docs/api.md.");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
