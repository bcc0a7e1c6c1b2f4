// next-auth configuration: email + password (Credentials), JWT sessions.
// Built lazily so `next build` never touches the data folder or database.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "../domain/accounts";
import { retryAfterSeconds } from "../domain/rate-limit";
import { findCredentialsByEmail } from "../db/facilitators";
import { getAuthSecret, getEnv } from "../env";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clientAddress, signInLimits } from "./signin-limits";

/** Codes the sign-in form turns into sentences (see components/auth/sign-in-form.tsx). */
export const SIGN_IN_ERRORS = {
  invalid: "INVALID_INPUT",
  // One answer for an unknown email and a wrong password, so sign-in cannot list accounts.
  wrongCredentials: "WRONG_CREDENTIALS", // followed by ":<attempts left>"
  rateLimited: "RATE_LIMITED", // followed by ":<seconds>"
} as const;

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  if (!getEnv().nextAuthUrl) {
    // No fixed public URL: derive it from the request's Host, so the app works
    // at http://localhost:3000 and at the laptop's LAN address alike.
    process.env.AUTH_TRUST_HOST ??= "true";
  }
  cached = {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
          const { email, password } = parsed.data;
          // Counted before the (slow) password check, and only a few checks per account at once.
          const admission = signInLimits().gate.admit(email, clientAddress(req?.headers ?? {}));
          if (!admission.allowed) throw new Error(`${SIGN_IN_ERRORS.rateLimited}:${retryAfterSeconds(admission.retryAfterMs)}`);
          let succeeded = false;
          try {
            const found = await findCredentialsByEmail(email);
            if (!found) await burnPasswordCheck(password);
            succeeded = !!found && (await verifyPassword(password, found.passwordHash));
            if (!found || !succeeded) throw new Error(`${SIGN_IN_ERRORS.wrongCredentials}:${admission.remaining}`);
            return { id: found.id, email: found.email, name: found.name };
          } finally {
            admission.release(succeeded);
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
  return cached;
}
