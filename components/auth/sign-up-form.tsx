"use client";

import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/accounts";
import { useErrorText } from "@/components/i18n/use-error-text";

interface ApiError {
  error?: { code?: string; message?: string; field?: string };
}

export function SignUpForm() {
  const router = useRouter();
  const t = useTranslations("site.auth");
  const errorText = useErrorText();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/facilitators", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const data = (await response.json().catch(() => ({}))) as ApiError;
        setError({ message: data.error?.code ? errorText({ code: data.error.code, message: data.error.message ?? "" }) : t("createFailed"), field: data.error?.field });
        return;
      }
      const result = await signIn("credentials", { email: body.email, password: body.password, redirect: false });
      if (!result || result.error) {
        // Sign-up does not say whether the email already had an account (that would list accounts).
        setError({
          message: result?.error?.startsWith("RATE_LIMITED")
            ? t("signUpPaused")
            : t("signUpWrongPassword"),
        });
        return;
      }
      router.push("/dashboard");
      router.refresh();
    } catch {
      setError({ message: t("offline") });
    } finally {
      setPending(false);
    }
  }

  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {error && !error.field ? <Alert>{error.message}</Alert> : null}
      <TextField label={t("name")} name="name" autoComplete="name" required maxLength={80} error={fieldError("name")} />
      <TextField label={t("email")} name="email" type="email" autoComplete="email" required error={fieldError("email")} />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={t("passwordHint", { min: PASSWORD_MIN_LENGTH })}
        error={fieldError("password")}
      />
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? t("creating") : t("create")}
      </Button>
      <p className="text-sm">
        {t("haveAccount")}{" "}
        <Link href="/signin" className="font-semibold underline">
          {t("signIn")}
        </Link>
      </p>
    </form>
  );
}
