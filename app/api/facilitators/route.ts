import { signUpSchema } from "@/lib/domain/accounts";
import { retryAfterSeconds } from "@/lib/domain/rate-limit";
import { createFacilitator } from "@/lib/db/facilitators";
import { randomBytes } from "node:crypto";
import { AppError, isAppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { clientAddress, signInLimits } from "@/lib/auth/signin-limits";
import { json, otherMethods, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Looks like a Prisma cuid (c + 24 base-36 characters) and matches no account. */
function decoyId(): string {
  return `c${Array.from(randomBytes(24), (b) => (b % 36).toString(36)).join("")}`;
}

/** Sign up: creates a facilitator account. The client then signs in through next-auth. */
export const POST = route(async (request) => {
  const gate = signInLimits().signUp.hit(clientAddress(request.headers));
  if (!gate.allowed) {
    throw new AppError("rate_limited", "Too many sign-ups from this address. Wait a minute and try again.", {
      retryAfterSeconds: retryAfterSeconds(gate.retryAfterMs),
    });
  }
  const input = await readJson(request, signUpSchema);
  const passwordHash = await hashPassword(input.password);
  try {
    const facilitator = await createFacilitator({ email: input.email, name: input.name, passwordHash });
    return json({ facilitator }, 201);
  } catch (error) {
    // An existing email gets the same answer as a new one (with an id that matches nothing), so
    // sign-up cannot list accounts; the owner signs in with their password as usual.
    if (isAppError(error) && error.code === "conflict") {
      return json({ facilitator: { id: decoyId(), email: input.email, name: input.name } }, 201);
    }
    throw error;
  }
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
