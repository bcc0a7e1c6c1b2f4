// next-auth 4's route handler trusts its input: a POST with a broken JSON body
// throws (a 500), and some refusals come back as text "[object Object]". This
// puts the app's one request-parsing path in front of it and answers every
// refusal with the app's { error: { code, message } } shape.
import { NextRequest } from "next/server";
import { AppError } from "../errors";
import { errorResponse, isJsonContentType, readTextCapped } from "../http";

const MAX_AUTH_BODY_BYTES = 8 * 1024;

/** The request next-auth may see: POST bodies are form-encoded or a JSON object, at most 8 KB. */
export async function guardAuthRequest(request: Request): Promise<Request> {
  // next-auth answers a GET of the credentials callback with a 500 ("not supported"): it is a bad request.
  if (request.method !== "POST" && /\/callback\/credentials\/?$/.test(new URL(request.url).pathname)) {
    throw new AppError("bad_request", "Sign in with email and password through the sign-in form (a POST).");
  }
  if (request.method !== "POST") return request;
  const type = request.headers.get("content-type");
  const isForm = (type ?? "").split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";
  const isJson = isJsonContentType(type);
  if (!isForm && !isJson) {
    throw new AppError("unsupported_media_type", "Send sign-in requests as a form (application/x-www-form-urlencoded) or as JSON.");
  }
  const text = await readTextCapped(request, MAX_AUTH_BODY_BYTES);
  if (isJson) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "The request body is not valid JSON.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("bad_request", "The request body must be a JSON object.");
  }
  // next-auth reads `nextUrl`: hand it a NextRequest again.
  return new NextRequest(request.url, { method: "POST", headers: request.headers, body: text });
}

/** next-auth's own answer, except that a non-JSON refusal becomes the app's error shape. */
export function shapeAuthResponse(response: Response): Response {
  if (response.status < 400) return response;
  if ((response.headers.get("content-type") ?? "").includes("application/json")) return response;
  const code = response.status >= 500 ? "internal" : response.status === 401 ? "unauthorized" : response.status === 403 ? "forbidden" : response.status === 404 ? "not_found" : "bad_request";
  const shaped = errorResponse(new AppError(code, code === "internal" ? "Something went wrong on the server. Try again." : "This sign-in request is not valid (a missing or stale CSRF token?). Reload the page and try again."));
  // Keep next-auth's cookies (e.g. a fresh CSRF token).
  for (const cookie of response.headers.getSetCookie()) shaped.headers.append("Set-Cookie", cookie);
  return shaped;
}
