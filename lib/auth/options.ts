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
  unknownEmail: "UNKNOWN_EMAIL",
  wrongPassword: "WRONG_PASSWORD", // followed by ":<attempts left>"
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
          const limits = signInLimits();
          const address = clientAddress(req?.headers ?? {});
          const byAccount = limits.account.peek(email);
          const byAddress = limits.address.peek(address);
          if (!byAccount.allowed || !byAddress.allowed) {
            const wait = Math.max(byAccount.retryAfterMs, byAddress.retryAfterMs);
            throw new Error(`${SIGN_IN_ERRORS.rateLimited}:${retryAfterSeconds(wait)}`);
          }
          const found = await findCredentialsByEmail(email);
          if (!found) {
            await burnPasswordCheck(password);
            limits.address.hit(address);
            throw new Error(SIGN_IN_ERRORS.unknownEmail);
          }
          if (!(await verifyPassword(password, found.passwordHash))) {
            const { remaining } = limits.account.hit(email);
            limits.address.hit(address);
            throw new Error(`${SIGN_IN_ERRORS.wrongPassword}:${remaining}`);
          }
          limits.account.reset(email);
          return { id: found.id, email: found.email, name: found.name };
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
