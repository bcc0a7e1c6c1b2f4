"use client";

import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The participants' entry: type the code the facilitator shows, go to that session. On the "no such
 * session" page (`keepTyped`) the field keeps the code that was tried, so a typo can be corrected.
 */
export function JoinCodeFormClient({ keepTyped = false }: { keepTyped?: boolean }) {
  const router = useRouter();
  const t = useTranslations("site.join");
  const pathname = usePathname();
  const tried = keepTyped ? safeDecode(/^\/s\/([^/]+)/.exec(pathname ?? "")?.[1] ?? "").slice(0, 12) : "";
  const [code, setCode] = useState(tried);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cleaned = code.toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (cleaned.length !== 6) {
      setError(t("tooShort"));
      return;
    }
    setError(null);
    router.push(`/s/${cleaned}`);
  }

  return (
    <form onSubmit={onSubmit} method="get" action="/" className="flex flex-col gap-2" aria-label={t("formLabel")} noValidate>
      <label htmlFor="join-code" className="text-sm font-semibold uppercase tracking-wide">
        {t("code")}
      </label>
      <div className="flex flex-col gap-3 sm:flex-row">
        <input
          id="join-code"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={12}
          placeholder="K7QX4M"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "join-code-error" : undefined}
          className="min-h-14 w-full rounded-md border-2 border-ink bg-white px-4 font-mono text-2xl uppercase tracking-[0.3em] placeholder:text-steel/40 sm:max-w-xs"
        />
        <Button type="submit" size="xl">
          {t("submit")}
        </Button>
      </div>
      {tried && !error && code === tried ? (
        <p className="text-sm font-semibold text-party" data-testid="join-code-tried">
          <span aria-hidden="true">⚠ </span>
          {t("tried", { code: tried.toUpperCase() })}
        </p>
      ) : null}
      {error ? (
        <p id="join-code-error" role="alert" className="text-sm font-semibold text-party">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </form>
  );
}
