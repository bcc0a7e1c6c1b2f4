// Who is the facilitator behind this page or request?
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { AppError } from "../errors";
import { findFacilitatorByApiToken, findFacilitatorById, type FacilitatorSummary } from "../db/facilitators";
import { getAuthOptions } from "./options";
import { assertSameOrigin } from "./participant";

export async function currentFacilitator(): Promise<FacilitatorSummary | null> {
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  // The account may have been deleted since the cookie was issued.
  return findFacilitatorById(id);
}

/** For pages in the facilitator area: the facilitator, or a redirect to sign in. */
export async function requireFacilitatorPage(returnTo: string): Promise<FacilitatorSummary> {
  const facilitator = await currentFacilitator();
  if (!facilitator) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return facilitator;
}

/**
 * For the facilitator API: a personal API token (Authorization: Bearer) or the signed-in cookie.
 * `cookieOnly`: API tokens are refused (managing tokens), so a stolen token cannot mint successors.
 */
export async function requireFacilitatorApi(
  request: Pick<Request, "headers">,
  opts: { mutating?: boolean; cookieOnly?: boolean } = {},
): Promise<{ facilitator: FacilitatorSummary; via: "token" | "cookie" }> {
  const authorization = request.headers.get("authorization");
  if (authorization && opts.cookieOnly) {
    throw new AppError("forbidden", "API tokens are managed only by a signed-in facilitator (Settings page), not with an API token.");
  }
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const facilitator = match?.[1] ? await findFacilitatorByApiToken(match[1]) : null;
    if (!facilitator) throw new AppError("unauthorized", "The API token is invalid or has been revoked.");
    return { facilitator, via: "token" };
  }
  const facilitator = await currentFacilitator();
  if (!facilitator) throw new AppError("unauthorized", "Sign in as a facilitator, or send a personal API token.");
  if (opts.mutating) assertSameOrigin(request);
  return { facilitator, via: "cookie" };
}
