"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

import type { ApiTokenView } from "@/lib/api/token-view";

/** How long a new token lives: the choices of the create form (days; "" = until revoked). */
const LIFETIMES = ["", "1", "7", "30", "90", "365"];

interface ApiError {
  error?: { code?: string; message?: string; field?: string };
}

const noSubscribe = () => () => {};

/** False during server rendering and hydration, true afterwards: local times only once in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

function DateTime({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  const locale = useLocale();
  const date = new Date(iso);
  // In the page's language and the browser's own time zone (once hydrated).
  const text = hydrated
    ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date)
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return <time dateTime={iso}>{text}</time>;
}

async function errorMessage(
  response: Response,
  fallback: string,
  errorText: (failure: { code: string; message: string }) => string,
): Promise<{ message: string; field?: string }> {
  const data = (await response.json().catch(() => ({}))) as ApiError;
  return { message: data.error?.code ? errorText({ code: data.error.code, message: data.error.message ?? "" }) : fallback, field: data.error?.field };
}

/** The facilitator's personal API tokens: list, create (secret shown once), revoke. */
export function ApiTokens({ initialTokens }: { initialTokens: ApiTokenView[] }) {
  const t = useTranslations("facilitator.tokens");
  const errorText = useErrorText();
  const [tokens, setTokens] = useState(initialTokens);
  const [name, setName] = useState("");
  const [lifetime, setLifetime] = useState("30");
  const [createError, setCreateError] = useState<{ message: string; field?: string } | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const secretRef = useRef<HTMLElement>(null);
  const nameRef = useRef<HTMLDivElement>(null);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreating(true);
    setCreateError(null);
    setNotice(null);
    try {
      const response = await fetch("/api/tokens", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name, expiresInDays: lifetime ? Number(lifetime) : null }),
      });
      if (response.status !== 201) {
        setCreateError(await errorMessage(response, t("createFailed"), errorText));
        nameRef.current?.querySelector("input")?.focus();
        return;
      }
      const data = (await response.json()) as { token: ApiTokenView; secret: string };
      setTokens((current) => [data.token, ...current]);
      setCreated({ name: data.token.name, secret: data.secret });
      setCopied(null);
      setName("");
      // Move focus to the secret so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => secretRef.current?.focus());
    } catch {
      setCreateError({ message: t("offline") });
    } finally {
      setCreating(false);
    }
  }

  async function copySecret() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied("copied");
    } catch {
      // No clipboard access (e.g. plain http on a LAN address): select the text for a manual copy.
      const el = secretRef.current;
      const selection = window.getSelection();
      if (el && selection) {
        const range = document.createRange();
        range.selectNodeContents(el);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied("failed");
    }
  }

  async function revoke(token: ApiTokenView) {
    if (!window.confirm(t("confirmRevoke", { name: token.name }))) return;
    setRevoking(token.id);
    setListError(null);
    setNotice(null);
    try {
      const response = await fetch(`/api/tokens/${encodeURIComponent(token.id)}`, {
        method: "DELETE",
        headers: { "Content-Type": "application/json" },
      });
      if (!response.ok) {
        const problem = await errorMessage(response, t("revokeFailed"), errorText);
        // Already revoked elsewhere: it is gone either way.
        if (response.status === 404) setTokens((current) => current.filter((t) => t.id !== token.id));
        setListError(problem.message);
        return;
      }
      setTokens((current) => current.filter((t) => t.id !== token.id));
      setNotice(t("revoked", { name: token.name }));
    } catch {
      setListError(t("offline"));
    } finally {
      setRevoking(null);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      {created ? (
        <div className="flex flex-col gap-3 rounded-lg border-4 border-gold bg-gold/20 p-4" data-testid="token-created">
          <p className="font-bold">
            <span aria-hidden="true">⚠ </span>
            {t("copyNow", { name: created.name })}
          </p>
          <code
            ref={secretRef}
            tabIndex={-1}
            className="block rounded-md border-2 border-ink bg-white px-3 py-2 font-mono text-base break-all select-all"
            data-testid="token-secret"
          >
            {created.secret}
          </code>
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={copySecret}>
              {t("copy")}
            </Button>
            <Button variant="ghost" onClick={() => setCreated(null)}>
              {t("hide")}
            </Button>
            <p role="status" className="text-sm font-semibold">
              {copied === "copied" ? t("copied") : copied === "failed" ? t("copyBlocked") : ""}
            </p>
          </div>
        </div>
      ) : null}

      <form onSubmit={onCreate} className="flex flex-col gap-3" aria-label={t("formLabel")} noValidate data-testid="create-token-form">
        {createError && createError.field !== "name" ? <Alert>{createError.message}</Alert> : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <div ref={nameRef} className="flex-1">
            <TextField
              label={t("name")}
              name="name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (createError?.field === "name") setCreateError(null);
              }}
              maxLength={60}
              required
              autoComplete="off"
              hint={t("nameHint")}
              error={createError?.field === "name" ? createError.message : undefined}
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="token-lifetime" className="text-sm font-semibold">
              {t("expires")}
            </label>
            <select
              id="token-lifetime"
              name="expiresInDays"
              value={lifetime}
              onChange={(e) => setLifetime(e.target.value)}
              className="min-h-12 rounded-md border-2 border-ink/30 bg-white px-3 text-base text-ink focus:border-ink"
            >
              {LIFETIMES.map((days) => (
                <option key={days} value={days}>
                  {days === "" ? t("lifetimes.never") : days === "365" ? t("lifetimes.year") : t("lifetimes.days", { count: Number(days) })}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={creating} className="sm:mt-6">
            {creating ? t("creating") : t("create")}
          </Button>
        </div>
      </form>

      <div className="flex flex-col gap-3">
        <h3 className="text-lg font-bold">{t("active")}</h3>
        {listError ? <Alert>{listError}</Alert> : null}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {tokens.length === 0 ? (
          <p className="text-steel" data-testid="tokens-empty">
            {t("none")}
          </p>
        ) : (
          <ul className="flex flex-col divide-y-2 divide-ink/10 rounded-md border-2 border-ink/20" data-testid="token-list">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="token-row" data-token-id={token.id}>
                <div className="min-w-0">
                  <p className="font-semibold break-words">{token.name}</p>
                  <p className="text-sm text-steel">
                    <code className="font-mono text-ink">{token.prefix}…</code> · {t("created")} <DateTime iso={token.createdAt} /> · {t("lastUsed")}{" "}
                    {token.lastUsedAt ? <DateTime iso={token.lastUsedAt} /> : t("never")} ·{" "}
                    {token.expired ? (
                      <strong className="text-party" data-testid="token-expired">
                        {t("expired")} <DateTime iso={token.expiresAt!} />
                      </strong>
                    ) : token.expiresAt ? (
                      <>
                        {t("expiresOn")} <DateTime iso={token.expiresAt} />
                      </>
                    ) : (
                      t("neverExpires")
                    )}
                  </p>
                </div>
                <Button variant="danger" onClick={() => revoke(token)} disabled={revoking === token.id} aria-label={t("revokeLabel", { name: token.name })}>
                  {revoking === token.id ? t("revoking") : t("revoke")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
