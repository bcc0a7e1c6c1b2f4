"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { ControlPayload } from "@/components/live/types";
import { api } from "@/components/participant/api";
import { Button } from "@/components/ui/button";

export function ParticipantsTable({ code, control, onError }: { code: string; control: ControlPayload; onError: (message: string | null) => void }) {
  const t = useTranslations("facilitator.people");
  const errorText = useErrorText();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  /** A fresh rejoin code, shown once (never stored here beyond this screen). */
  const [issued, setIssued] = useState<{ name: string; code: string } | null>(null);
  const people = control.participants.filter((p) => p.status === "active");
  const removed = control.participants.filter((p) => p.status !== "active");

  async function remove(id: string, name: string, ban: boolean) {
    const question = ban ? t("confirmBan", { name }) : t("confirmRemove", { name });
    if (!window.confirm(question)) return;
    onError(null);
    const result = await api(`/api/sessions/${code}/participants/${id}${ban ? "?ban=true" : ""}`, { method: "DELETE" });
    if (!result.ok) onError(errorText(result));
  }

  async function issueRejoinCode(id: string, name: string) {
    if (!window.confirm(t("confirmCode", { name }))) return;
    onError(null);
    const result = await api<{ participant: { displayName: string }; formatted: string }>(`/api/sessions/${code}/participants/${id}/rejoin-code`, { method: "POST" });
    if (!result.ok) onError(errorText(result));
    else setIssued({ name: result.data.participant.displayName, code: result.data.formatted });
  }

  async function rename(id: string) {
    onError(null);
    const result = await api(`/api/sessions/${code}/participants/${id}`, { method: "PATCH", body: { displayName: newName } });
    if (!result.ok) onError(errorText(result));
    else setRenaming(null);
  }

  return (
    <section aria-labelledby="people-heading" className="flex flex-col gap-2">
      <h2 id="people-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
        {t("title", { count: people.length })}
      </h2>
      <p className="text-sm text-steel" data-testid="counts-note">
        {t("countsNote")}
      </p>
      {people.length === 0 ? <p className="text-steel">{t("nobody")}</p> : null}
      {issued ? (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border-4 border-gold bg-white p-3" data-testid="issued-rejoin-code">
          <p className="min-w-0 flex-1 text-sm">
            {t.rich("issued", {
              name: issued.name,
              code: issued.code,
              strong: (chunks) => <strong>{chunks}</strong>,
              mono: (chunks) => <strong className="font-mono text-xl tracking-widest">{chunks}</strong>,
            })}
          </p>
          <Button variant="secondary" className="!min-h-9" onClick={() => setIssued(null)}>
            {t("done")}
          </Button>
        </div>
      ) : null}
      <div className="max-h-[32rem] overflow-auto rounded-lg border-2 border-ink bg-white">
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-paper-dark">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("name")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("connection")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("rated")}
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id} className="border-t border-ink/10" data-testid="control-participant" data-participant-name={p.displayName}>
                <td className="px-3 py-2 font-semibold">
                  {renaming === p.id ? (
                    <form
                      className="flex flex-wrap gap-1"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void rename(p.id);
                      }}
                    >
                      <label className="sr-only" htmlFor={`rename-${p.id}`}>
                        {t("newName", { name: p.displayName })}
                      </label>
                      <input
                        id={`rename-${p.id}`}
                        value={newName}
                        onChange={(e) => setNewName(e.target.value)}
                        maxLength={40}
                        className="min-h-9 w-32 rounded border-2 border-ink/30 px-2"
                        autoFocus
                      />
                      <Button type="submit" className="!min-h-9 !px-2">
                        {t("save")}
                      </Button>
                      <Button variant="ghost" className="!min-h-9 !px-2" onClick={() => setRenaming(null)}>
                        {t("cancel")}
                      </Button>
                    </form>
                  ) : (
                    <>
                      {p.displayName}
                      {p.joinedDuringRound !== null ? (
                        <span className="ml-2 rounded bg-paper-dark px-1.5 py-0.5 text-xs font-semibold" data-testid="joined-during" title={t("joinedHint")}>
                          {t("joinedIn", { round: p.joinedDuringRound })}
                        </span>
                      ) : null}
                    </>
                  )}
                </td>
                <td className="px-3 py-2">
                  {p.connected ? (
                    <span className="text-green-800">
                      <span aria-hidden="true">● </span>
                      {t("connected")}
                    </span>
                  ) : (
                    <span className="text-steel">
                      <span aria-hidden="true">○ </span>
                      {t("away")}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-right font-mono tabular-nums" data-testid="rated-count">
                  {p.ratedCount === null ? <span title={t("ratedLater")}>–<span className="sr-only">{t("ratedLaterSr")}</span></span> : p.ratedCount}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap justify-end gap-x-1">
                    <Button
                      variant="ghost"
                      className="!min-h-9 !px-2 !text-xs"
                      aria-label={t("renameLabel", { name: p.displayName })}
                      onClick={() => {
                        setRenaming(p.id);
                        setNewName(p.displayName);
                      }}
                    >
                      {t("rename")}
                    </Button>
                    <Button
                      variant="ghost"
                      className="!min-h-9 !px-2 !text-xs"
                      aria-label={t("codeLabel", { name: p.displayName })}
                      onClick={() => void issueRejoinCode(p.id, p.displayName)}
                    >
                      {t("code")}
                    </Button>
                    <Button variant="ghost" className="!min-h-9 !px-2 !text-xs" aria-label={t("removeLabel", { name: p.displayName })} onClick={() => void remove(p.id, p.displayName, false)}>
                      {t("remove")}
                    </Button>
                    <Button variant="ghost" className="!min-h-9 !px-2 !text-xs text-party" aria-label={t("banLabel", { name: p.displayName })} onClick={() => void remove(p.id, p.displayName, true)}>
                      {t("ban")}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {removed.length > 0 ? (
        <p className="text-sm text-steel">
          {t("notRanked", {
            list: removed.map((p) => t("status", { name: p.displayName, status: p.status === "banned" || p.status === "observer" ? p.status : "removed" })).join(", "),
          })}
        </p>
      ) : null}
    </section>
  );
}
