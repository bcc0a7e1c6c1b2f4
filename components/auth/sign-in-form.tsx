"use client";

import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { safeCallback } from "@/lib/domain/safe-callback";

type AuthT = ReturnType<typeof useTranslations<"site.auth">>;

/** Turns the code thrown by the Credentials provider into a sentence in the reader's language. */
export function signInErrorMessage(code: string | undefined | null, t: AuthT): string {
  if (!code) return t("failed");
  if (code.startsWith("RATE_LIMITED")) {
    const seconds = Number(code.split(":")[1] ?? "0");
    return t("rateLimited", { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if (code.startsWith("WRONG_CREDENTIALS")) {
    const left = Number(code.split(":")[1] ?? "NaN");
    if (Number.isInteger(left) && left <= 3) return left === 0 ? t("wrongPaused") : t("wrongLeft", { left });
    return t("wrong");
  }
  return code === "INVALID_INPUT" ? t("invalidInput") : t("failed");
}


export function SignInForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const router = useRouter();
  const t = useTranslations("site.auth");
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
        setError(signInErrorMessage(result?.error, t));
        return;
      }
      router.push(safeCallback(callbackUrl));
      router.refresh();
    } catch {
      setError(t("offline"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      <TextField label={t("email")} name="email" type="email" autoComplete="email" required />
      <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
      <p className="text-sm">
        {t("newHere")}{" "}
        <Link href="/signup" className="font-semibold underline">
          {t("createLink")}
        </Link>
      </p>
    </form>
  );
}
