"use client";

import { useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

import type { ApiTokenView } from "@/lib/api/token-view";

/** How long a new token lives: the choices of the create form (days; "" = until revoked). */
const LIFETIMES = [
  { value: "", text: "Until I revoke it" },
  { value: "1", text: "1 day" },
  { value: "7", text: "7 days" },
  { value: "30", text: "30 days" },
  { value: "90", text: "90 days" },
  { value: "365", text: "1 year" },
];

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
  const date = new Date(iso);
  const text = hydrated
    ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return <time dateTime={iso}>{text}</time>;
}

async function errorMessage(response: Response, fallback: string): Promise<{ message: string; field?: string }> {
  const data = (await response.json().catch(() => ({}))) as ApiError;
  return { message: data.error?.message ?? fallback, field: data.error?.field };
}

/** The facilitator's personal API tokens: list, create (secret shown once), revoke. */
export function ApiTokens({ initialTokens }: { initialTokens: ApiTokenView[] }) {
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
        setCreateError(await errorMessage(response, "Could not create the token. Try again."));
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
      setCreateError({ message: "Could not reach the server. Check your connection and try again." });
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
    if (!window.confirm(`Revoke the token “${token.name}”? Scripts that use it stop working at once. This cannot be undone.`)) return;
    setRevoking(token.id);
    setListError(null);
    setNotice(null);
    try {
      const response = await fetch(`/api/tokens/${encodeURIComponent(token.id)}`, {
        method: "DELETE",
        headers: { "Content-Type": "application/json" },
      });
      if (!response.ok) {
        const problem = await errorMessage(response, "Could not revoke the token. Try again.");
        // Already revoked elsewhere: it is gone either way.
        if (response.status === 404) setTokens((current) => current.filter((t) => t.id !== token.id));
        setListError(problem.message);
        return;
      }
      setTokens((current) => current.filter((t) => t.id !== token.id));
      setNotice(`Revoked “${token.name}”.`);
    } catch {
      setListError("Could not reach the server. Check your connection and try again.");
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
            Copy your new token “{created.name}” now. It will not be shown again.
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
              Copy token
            </Button>
            <Button variant="ghost" onClick={() => setCreated(null)}>
              I have saved it — hide
            </Button>
            <p role="status" className="text-sm font-semibold">
              {copied === "copied" ? "✔ Copied to the clipboard." : copied === "failed" ? "The browser blocked the clipboard: the token is selected, press Ctrl+C (⌘C)." : ""}
            </p>
          </div>
        </div>
      ) : null}

      <form onSubmit={onCreate} className="flex flex-col gap-3" aria-label="Create an API token" noValidate data-testid="create-token-form">
        {createError && createError.field !== "name" ? <Alert>{createError.message}</Alert> : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <div ref={nameRef} className="flex-1">
            <TextField
              label="Token name"
              name="name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (createError?.field === "name") setCreateError(null);
              }}
              maxLength={60}
              required
              autoComplete="off"
              hint="What it is for, e.g. “rehearsal bots”, so you know which one to revoke later."
              error={createError?.field === "name" ? createError.message : undefined}
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="token-lifetime" className="text-sm font-semibold">
              Expires
            </label>
            <select
              id="token-lifetime"
              name="expiresInDays"
              value={lifetime}
              onChange={(e) => setLifetime(e.target.value)}
              className="min-h-12 rounded-md border-2 border-ink/30 bg-white px-3 text-base text-ink focus:border-ink"
            >
              {LIFETIMES.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.text}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={creating} className="sm:mt-6">
            {creating ? "Creating…" : "Create token"}
          </Button>
        </div>
      </form>

      <div className="flex flex-col gap-3">
        <h3 className="text-lg font-bold">Active tokens</h3>
        {listError ? <Alert>{listError}</Alert> : null}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {tokens.length === 0 ? (
          <p className="text-steel" data-testid="tokens-empty">
            You have no active tokens.
          </p>
        ) : (
          <ul className="flex flex-col divide-y-2 divide-ink/10 rounded-md border-2 border-ink/20" data-testid="token-list">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="token-row" data-token-id={t.id}>
                <div className="min-w-0">
                  <p className="font-semibold break-words">{t.name}</p>
                  <p className="text-sm text-steel">
                    <code className="font-mono text-ink">{t.prefix}…</code> · created <DateTime iso={t.createdAt} /> · last used{" "}
                    {t.lastUsedAt ? <DateTime iso={t.lastUsedAt} /> : "never"} ·{" "}
                    {t.expired ? (
                      <strong className="text-party" data-testid="token-expired">
                        expired <DateTime iso={t.expiresAt!} />
                      </strong>
                    ) : t.expiresAt ? (
                      <>
                        expires <DateTime iso={t.expiresAt} />
                      </>
                    ) : (
                      "never expires"
                    )}
                  </p>
                </div>
                <Button variant="danger" onClick={() => revoke(t)} disabled={revoking === t.id} aria-label={`Revoke ${t.name}`}>
                  {revoking === t.id ? "Revoking…" : "Revoke"}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
