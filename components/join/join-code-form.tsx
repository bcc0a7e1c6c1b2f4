"use client";

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
export function JoinCodeForm({ keepTyped = false }: { keepTyped?: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const tried = keepTyped ? safeDecode(/^\/s\/([^/]+)/.exec(pathname ?? "")?.[1] ?? "").slice(0, 12) : "";
  const [code, setCode] = useState(tried);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cleaned = code.toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (cleaned.length !== 6) {
      setError("A session code has 6 letters and digits, like K7QX4M.");
      return;
    }
    setError(null);
    router.push(`/s/${cleaned}`);
  }

  return (
    <form onSubmit={onSubmit} method="get" action="/" className="flex flex-col gap-2" aria-label="Join a session" noValidate>
      <label htmlFor="join-code" className="text-sm font-semibold uppercase tracking-wide">
        Session code
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
          Join a session
        </Button>
      </div>
      {tried && !error && code === tried ? (
        <p className="text-sm font-semibold text-party" data-testid="join-code-tried">
          <span aria-hidden="true">⚠ </span>No session uses “{tried.toUpperCase()}”: check it against the projector and correct it here.
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
