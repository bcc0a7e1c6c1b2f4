"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { LanguagePicker } from "@/components/i18n/language-picker";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { generateAlias } from "@/lib/domain/names";
import { formatRejoinCode } from "@/lib/domain/rejoin-code";
import type { PublicSession } from "@/components/live/types";
import { api, rejoinStorageKey } from "./api";

export interface JoinedParticipant {
  id: string;
  displayName: string;
  status: "active" | "observer" | "kicked" | "banned";
}

export function JoinScreen({
  code,
  session,
  removed,
  onJoined,
}: {
  code: string;
  session: PublicSession;
  removed?: "kicked" | "banned" | null;
  onJoined: (p: JoinedParticipant) => void;
}) {
  const t = useTranslations("participant.join");
  const locale = useLocale();
  const errorText = useErrorText();
  const [name, setName] = useState("");
  const [error, setError] = useState<{ message: string; suggestion?: string; taken?: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const [rejoinOpen, setRejoinOpen] = useState(false);
  const [rejoinCode, setRejoinCode] = useState("");
  const [rejoinError, setRejoinError] = useState<string | null>(null);

  async function join(displayName: string) {
    setPending(true);
    setError(null);
    const result = await api<{ participant: { id: string; displayName: string }; rejoinCode: string }>(`/api/sessions/${code}/participants`, {
      method: "POST",
      body: { displayName },
    });
    setPending(false);
    if (!result.ok) {
      setError({ message: errorText(result), suggestion: result.suggestion, taken: result.code === "conflict" && result.field === "displayName" });
      return;
    }
    try {
      localStorage.setItem(rejoinStorageKey(code), result.data.rejoinCode);
    } catch {
      // private mode: the code can be re-issued from the score screen
    }
    onJoined({ ...result.data.participant, status: "active" });
  }

  async function rejoin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRejoinError(null);
    const result = await api<{ participant: { id: string; displayName: string }; rejoinCode: string }>(`/api/sessions/${code}/rejoin`, {
      method: "POST",
      body: { rejoinCode },
    });
    if (!result.ok) {
      setRejoinError(errorText(result));
      return;
    }
    try {
      // The code used is spent: keep the new one for the next device change.
      localStorage.setItem(rejoinStorageKey(code), result.data.rejoinCode);
    } catch {
      // private mode: the code can be re-issued from the score screen
    }
    onJoined({ ...result.data.participant, status: "active" });
  }

  const closed = session.phase === "ended" || !session.joiningOpen || removed === "banned";

  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col gap-5 px-4 py-6">
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
          <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">{t("session", { code })}</p>
          <LanguagePicker sessionCode={code} className="text-xs" />
        </div>
        <h1 className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase leading-tight break-words hyphens-auto">{session.title}</h1>
      </header>

      {removed === "kicked" ? <Alert tone="info">{t("kicked")}</Alert> : null}
      {removed === "banned" ? <Alert>{t("banned")}</Alert> : null}

      {session.phase === "ended" ? (
        <Alert tone="info">{t("ended")}</Alert>
      ) : !session.joiningOpen ? (
        <Alert tone="info">{t("closed")}</Alert>
      ) : null}

      {!closed ? (
        <Card>
          <form
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              void join(name);
            }}
            noValidate
          >
            <h2 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">{t("title")}</h2>
            <TextField
              label={t("nameLabel")}
              name="displayName"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={40}
              autoComplete="nickname"
              hint={name.length >= 40 ? t("nameHintLimit", { count: name.length, max: 40 }) : t("nameHint", { count: name.length, max: 40 })}
              error={error?.message}
            />
            {error?.taken ? (
              <div className="flex flex-col gap-2 rounded-md border-2 border-gold bg-gold/10 p-3" data-testid="taken-name-help">
                <p className="text-sm">
                  {t("takenHelp")}
                </p>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setRejoinOpen(true);
                    requestAnimationFrame(() => document.getElementById("rejoin-code-field")?.querySelector("input")?.focus());
                  }}
                >
                  {t("wasHere")}
                </Button>
              </div>
            ) : null}
            {error?.suggestion ? (
              <Button variant="secondary" onClick={() => setName(error.suggestion ?? "")}>
                {t("useSuggestion", { name: error.suggestion })}
              </Button>
            ) : null}
            <Button
              variant="ghost"
              onClick={() => {
                setName(generateAlias(Math.random, locale));
                setError(null);
              }}
            >
              {t("alias")}
            </Button>
            <Button type="submit" size="xl" disabled={pending}>
              {pending ? t("joining") : t("submit")}
            </Button>
          </form>
        </Card>
      ) : null}

      {session.phase !== "ended" && removed !== "banned" ? (
        <section aria-labelledby="rejoin-heading" className="rounded-md border-2 border-dashed border-ink/30 p-4" id="rejoin-code-field">
          <h2 id="rejoin-heading" className="font-semibold">
            {t("rejoinTitle")}
          </h2>
          {rejoinOpen ? (
            <form onSubmit={rejoin} className="mt-3 flex flex-col gap-3" noValidate>
              <TextField
                label={t("rejoinLabel")}
                name="rejoinCode"
                value={rejoinCode}
                onChange={(e) => setRejoinCode(e.target.value)}
                placeholder={formatRejoinCode("ABCD2345")}
                autoCapitalize="characters"
                autoComplete="off"
                error={rejoinError ?? undefined}
                inputClassName="font-mono uppercase tracking-widest"
              />
              <Button type="submit" variant="secondary">
                {t("rejoinSubmit")}
              </Button>
            </form>
          ) : (
            <Button variant="ghost" className="mt-1 !px-0" onClick={() => setRejoinOpen(true)}>
              {t("rejoinOpen")}
            </Button>
          )}
        </section>
      ) : null}
    </main>
  );
}
