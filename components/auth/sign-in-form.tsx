"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { safeCallback } from "@/lib/domain/safe-callback";

/** Turns the code thrown by the Credentials provider into a sentence. */
export function signInErrorMessage(code: string | undefined | null): string {
  if (!code) return "Sign-in failed. Try again.";
  if (code.startsWith("RATE_LIMITED")) {
    const seconds = Number(code.split(":")[1] ?? "0");
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `Too many failed sign-ins. For your security, sign-in is paused for about ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  if (code.startsWith("WRONG_CREDENTIALS")) {
    const left = Number(code.split(":")[1] ?? "NaN");
    if (Number.isInteger(left) && left <= 3) {
      return left === 0
        ? "Wrong email or password. Sign-in is now paused for a while."
        : `Wrong email or password. ${left} attempt${left === 1 ? "" : "s"} left before sign-in is paused.`;
    }
    return "Wrong email or password. Check both, or create an account.";
  }
  switch (code) {
    case "INVALID_INPUT":
      return "Enter a valid email address and your password.";
    default:
      return "Sign-in failed. Try again.";
  }
}


export function SignInForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(signInErrorMessage(result?.error));
        return;
      }
      router.push(safeCallback(callbackUrl));
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm">
        New here?{" "}
        <Link href="/signup" className="font-semibold underline">
          Create a facilitator account
        </Link>
      </p>
    </form>
  );
}
