"use client";

import { useState } from "react";
import type { ControlPayload } from "@/components/live/types";
import { api } from "@/components/participant/api";
import { Button } from "@/components/ui/button";

export function ParticipantsTable({ code, control, onError }: { code: string; control: ControlPayload; onError: (message: string | null) => void }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  /** A fresh rejoin code, shown once (never stored here beyond this screen). */
  const [issued, setIssued] = useState<{ name: string; code: string } | null>(null);
  const people = control.participants.filter((p) => p.status === "active");
  const removed = control.participants.filter((p) => p.status !== "active");

  async function remove(id: string, name: string, ban: boolean) {
    const question = ban
      ? `Ban ${name}? They leave the session and cannot rejoin from this device.`
      : `Remove ${name}? They leave the board; they may join again.`;
    if (!window.confirm(question)) return;
    onError(null);
    const result = await api(`/api/sessions/${code}/participants/${id}${ban ? "?ban=true" : ""}`, { method: "DELETE" });
    if (!result.ok) onError(result.message);
  }

  async function issueRejoinCode(id: string, name: string) {
    if (!window.confirm(`Give ${name} a new rejoin code? Their old code stops working; the new one is shown here once.`)) return;
    onError(null);
    const result = await api<{ participant: { displayName: string }; formatted: string }>(`/api/sessions/${code}/participants/${id}/rejoin-code`, { method: "POST" });
    if (!result.ok) onError(result.message);
    else setIssued({ name: result.data.participant.displayName, code: result.data.formatted });
  }

  async function rename(id: string) {
    onError(null);
    const result = await api(`/api/sessions/${code}/participants/${id}`, { method: "PATCH", body: { displayName: newName } });
    if (!result.ok) onError(result.message);
    else setRenaming(null);
  }

  return (
    <section aria-labelledby="people-heading" className="flex flex-col gap-2">
      <h2 id="people-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
        Participants ({people.length})
      </h2>
      <p className="text-sm text-steel" data-testid="counts-note">
        How many colleagues each person rated, shown once the round closes: a count that rose while a score moved would tell you whom they rated. What they gave is never shown.
      </p>
      {people.length === 0 ? <p className="text-steel">Nobody has joined yet. Share the code or the QR code.</p> : null}
      {issued ? (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border-4 border-gold bg-white p-3" data-testid="issued-rejoin-code">
          <p className="min-w-0 flex-1 text-sm">
            Rejoin code for <strong>{issued.name}</strong>, shown once: tell them to tap “I was here before” on the join screen and type{" "}
            <strong className="font-mono text-xl tracking-widest">{issued.code}</strong>
          </p>
          <Button variant="secondary" className="!min-h-9" onClick={() => setIssued(null)}>
            Done
          </Button>
        </div>
      ) : null}
      <div className="max-h-[32rem] overflow-auto rounded-lg border-2 border-ink bg-white">
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-paper-dark">
            <tr>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Connection
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Rated
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
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
                        New name for {p.displayName}
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
                        Save
                      </Button>
                      <Button variant="ghost" className="!min-h-9 !px-2" onClick={() => setRenaming(null)}>
                        Cancel
                      </Button>
                    </form>
                  ) : (
                    <>
                      {p.displayName}
                      {p.joinedDuringRound !== null ? (
                        <span className="ml-2 rounded bg-paper-dark px-1.5 py-0.5 text-xs font-semibold" data-testid="joined-during" title="Joined while a round was open: takes part from the next round.">
                          joined in round {p.joinedDuringRound}
                        </span>
                      ) : null}
                    </>
                  )}
                </td>
                <td className="px-3 py-2">
                  {p.connected ? (
                    <span className="text-green-800">
                      <span aria-hidden="true">● </span>connected
                    </span>
                  ) : (
                    <span className="text-steel">
                      <span aria-hidden="true">○ </span>away
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-right font-mono tabular-nums" data-testid="rated-count">
                  {p.ratedCount === null ? <span title="Shown when the round closes">–<span className="sr-only"> (shown when the round closes)</span></span> : p.ratedCount}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap justify-end gap-x-1">
                    <Button
                      variant="ghost"
                      className="!min-h-9 !px-2 !text-xs"
                      aria-label={`Rename ${p.displayName}`}
                      onClick={() => {
                        setRenaming(p.id);
                        setNewName(p.displayName);
                      }}
                    >
                      Rename
                    </Button>
                    <Button
                      variant="ghost"
                      className="!min-h-9 !px-2 !text-xs"
                      aria-label={`New rejoin code for ${p.displayName}`}
                      onClick={() => void issueRejoinCode(p.id, p.displayName)}
                    >
                      New code
                    </Button>
                    <Button variant="ghost" className="!min-h-9 !px-2 !text-xs" aria-label={`Remove ${p.displayName}`} onClick={() => void remove(p.id, p.displayName, false)}>
                      Remove
                    </Button>
                    <Button variant="ghost" className="!min-h-9 !px-2 !text-xs text-party" aria-label={`Ban ${p.displayName}`} onClick={() => void remove(p.id, p.displayName, true)}>
                      Ban
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
          Not in the ranking: {removed.map((p) => `${p.displayName} (${p.status === "banned" ? "banned" : p.status === "observer" ? "observer, let go" : "removed"})`).join(", ")}
        </p>
      ) : null}
    </section>
  );
}
