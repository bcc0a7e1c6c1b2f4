import { retryAfterSeconds } from "@/lib/domain/rate-limit";
import { createFacilitator } from "@/lib/db/facilitators";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { clientAddress, signInLimits } from "@/lib/auth/signin-limits";
import { json, readJson, route } from "@/lib/http";
import { signUpBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** Sign up: creates a facilitator account. The client then signs in through next-auth. */
export const POST = route(async (request) => {
  const gate = signInLimits().signUp.hit(clientAddress(request.headers));
  if (!gate.allowed) {
    throw new AppError("rate_limited", "Too many sign-ups from this address. Wait a minute and try again.", {
      retryAfterSeconds: retryAfterSeconds(gate.retryAfterMs),
    });
  }
  const input = await readJson(request, signUpBody);
  const facilitator = await createFacilitator({
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
  });
  return json({ facilitator }, 201);
});
