// Facilitator account rules: pure functions and zod schemas shared by the
// sign-up API, the sign-in check and the operator CLI.
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200; // bcrypt ignores bytes past 72; refuse absurd inputs early
export const NAME_MAX_LENGTH = 80;

/** Lower-cases and trims an email so "Ada@Example.COM " and "ada@example.com" are one account. */
export function normalizeEmail(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase();
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export const emailSchema = z
  .string({ error: "Email is required." })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "Email is required.")
      .max(254, "Email is too long.")
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter a valid email address, like ada@example.org."),
  );

export const passwordSchema = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((p) => p.trim().length > 0, "Password cannot be only spaces.")
  .refine((p) => new Set(p).size >= 3, "Password is too repetitive: use at least 3 different characters.");

export const facilitatorNameSchema = z
  .string({ error: "Name is required." })
  .transform((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Name is required.")
      .max(NAME_MAX_LENGTH, `Name must be at most ${NAME_MAX_LENGTH} characters.`)
      .refine((s) => !CONTROL_CHARS.test(s), "Name contains invalid characters."),
  );

export const signUpSchema = z.object({
  name: facilitatorNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Password is required.").max(PASSWORD_MAX_LENGTH),
});
