"use client";

// The control room's side of the interactive rounds: run the Reduction in
// Force hearing (moderate, advance, reveal), moderate tribunal appeals, decide
// free-text proposals, and lift rule changes the conference passed. The
// facilitator sees statements before they show, never who voted or accused.
import { describeSplit } from "@/lib/domain/rounds/electorate";
import { useState } from "react";
import type { PublicSession, RoundPayload } from "@/components/live/types";
import { api } from "@/components/participant/api";
import { formatSeconds, useSecondsLeft } from "@/components/rounds/deadline";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describeCharges } from "@/lib/domain/rounds/tribunal";

export function RoundControlPanel({ code, session, round }: { code: string; session: PublicSession; round: RoundPayload | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function send(body: Record<string, unknown>) {
    setPending(true);
    setError(null);
    const result = await api(`/api/sessions/${code}/round-control`, { method: "POST", body });
    setPending(false);
    if (!result.ok) setError(result.message);
  }
  const current = round && round.round === session.round.number ? round : null;
  const kind = session.round.kind;
  const amendments = round?.amendments ?? [];
  if (!current || (kind === "rating" && amendments.length === 0)) return null;
  return (
    <section aria-labelledby="round-control-heading" className="flex flex-col gap-4 rounded-lg border-4 border-party bg-white p-5" data-testid="round-control">
      <h2 id="round-control-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
        {kind === "rif" ? "Reduction in Force" : kind === "tribunal" ? "Tribunal" : kind === "conference" ? "Production conference" : "Rule changes in force"}
      </h2>
      {error ? <Alert>{error}</Alert> : null}
      {kind === "rif" && current.rif ? <RifControl rif={current.rif} send={send} pending={pending} /> : null}
      {kind === "tribunal" && current.tribunal ? <TribunalControl tribunal={current.tribunal} send={send} pending={pending} /> : null}
      {kind === "conference" && current.conference ? (
        <ConferenceControl conference={current.conference} send={send} pending={pending} open={session.phase === "round_open"} />
      ) : null}
      {amendments.length > 0 ? (
        <div className="flex flex-col gap-2 border-t-2 border-ink/10 pt-3" data-testid="amendments-control">
          <h3 className="font-bold uppercase">Decided by the production conference, in force for the rounds that follow</h3>
          <ul className="flex flex-col gap-1">
            {amendments.map((a, i) => (
              <li key={`${a.kind}-${i}`} className="flex items-center justify-between gap-3 rounded-md bg-paper px-3 py-1">
                <span>
                  {a.text} <span className="text-sm text-steel">(round {a.round})</span>
                </span>
                <Button variant="ghost" disabled={pending} onClick={() => void send({ action: "amendments.lift", index: i })} aria-label={`Lift: ${a.text}`}>
                  Lift
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

type Send = (body: Record<string, unknown>) => Promise<void>;

function RifControl({ rif, send, pending }: { rif: NonNullable<RoundPayload["rif"]>; send: Send; pending: boolean }) {
  const left = useSecondsLeft(rif.stage === "statements" ? rif.statementEndsAt : null);
  const showing = rif.showing ?? 0;
  const missing = rif.cases.filter((c) => c.statementStatus !== "written").length;
  return (
    <div className="flex flex-col gap-3">
      <p data-testid="rif-stage">
        {rif.stage === "statements"
          ? `Statements: ${rif.cases.filter((c) => c.statementStatus === "written").length} of ${rif.cases.length} written${left !== null ? ` · ${formatSeconds(left)} left` : ""}.`
          : rif.stage === "hearing"
            ? `Hearing: statement ${showing + 1} of ${rif.cases.length} on the projector. ${rif.ballots ?? 0} ballots cast from ${rif.electorate} people who may vote (how anyone voted is never shown).`
            : "The verdict is on every screen."}
      </p>
      <div className="flex flex-wrap gap-2">
        {rif.stage === "statements" ? (
          <>
            {missing > 0 ? (
              <p role="note" className="w-full text-sm font-semibold text-party" data-testid="rif-missing-warning">
                ⚠ {missing} of {rif.cases.length} statement{rif.cases.length === 1 ? "" : "s"} not written yet
                {left ? ` (${formatSeconds(left)} left)` : ""}: starting now shows “No statement” for {missing === 1 ? "that person" : "them"}.
              </p>
            ) : null}
            <Button
              disabled={pending}
              onClick={() => {
                if (
                  missing > 0 &&
                  !window.confirm(
                    `${missing} of ${rif.cases.length} statements are not written yet${left ? ` and ${formatSeconds(left)} are left` : ""}. Start the hearing anyway? The projector shows “No statement” for them.`,
                  )
                )
                  return;
                void send({ action: "rif.start-hearing" });
              }}
            >
              Start the hearing
            </Button>
          </>
        ) : null}
        {rif.stage === "hearing" ? (
          <>
            <Button variant="secondary" disabled={pending || showing === 0} onClick={() => void send({ action: "rif.previous" })}>
              ← Previous
            </Button>
            <Button variant="secondary" disabled={pending || showing >= rif.cases.length - 1} onClick={() => void send({ action: "rif.next" })}>
              Next statement →
            </Button>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() => {
                if (window.confirm("Reveal the result? Those let go become observers.")) void send({ action: "rif.reveal" });
              }}
            >
              Reveal the result
            </Button>
          </>
        ) : null}
      </div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">People at risk</caption>
        <thead>
          <tr className="border-b-2 border-ink/20">
            <th scope="col" className="py-1">Name</th>
            <th scope="col">Rank</th>
            <th scope="col">Statement (you see it before the room)</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rif.cases.map((c, i) => (
            <tr key={c.participantId} className={`border-b border-ink/10 align-top ${rif.stage === "hearing" && i === showing ? "bg-gold/20" : ""}`} data-testid="control-case">
              <td className="py-2 font-semibold">
                {c.displayName}
                {rif.stage === "hearing" && i === showing ? <span className="ml-1 text-xs font-bold uppercase text-party">on screen</span> : null}
              </td>
              <td>{c.rankAtSelection ?? "–"}</td>
              <td className={c.hidden ? "text-steel line-through" : ""}>
                {c.statement ? `“${c.statement}”` : <em className="text-steel">no statement</em>}
                {c.hidden ? <span className="ml-1 no-underline">(hidden)</span> : null}
                {c.verdict ? (
                  <strong className="block">
                    {c.verdict.outcome === "let_go" ? "Let go" : "Kept"} · {describeSplit({ yes: c.verdict.keep, no: c.verdict.letGo }, "keep", "let go")}
                  </strong>
                ) : null}
              </td>
              <td className="whitespace-nowrap text-right">
                {rif.stage === "hearing" && i !== showing ? (
                  <Button variant="ghost" disabled={pending} onClick={() => void send({ action: "rif.show", index: i })} aria-label={`Show ${c.displayName}'s statement now`}>
                    Show
                  </Button>
                ) : null}
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => void send({ action: "rif.hide", participantId: c.participantId, hidden: !c.hidden })}
                  aria-label={`${c.hidden ? "Unhide" : "Hide"} ${c.displayName}'s statement`}
                >
                  {c.hidden ? "Unhide" : "Hide"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TribunalControl({ tribunal, send, pending }: { tribunal: NonNullable<RoundPayload["tribunal"]>; send: Send; pending: boolean }) {
  return (
    <div className="flex flex-col gap-2">
      <p>
        {tribunal.total} charges · −{tribunal.penalty}★ per accuser, capped at −{tribunal.cap}★
        {tribunal.reward > 0 ? ` · accusers gain ${tribunal.reward}★ each when the round closes` : " · no reward for accusers"}. Who accused whom is never
        shown, here either.
      </p>
      {tribunal.feed.length === 0 ? <p className="text-sm italic text-steel">No charges yet.</p> : null}
      <ul className="flex flex-col gap-2">
        {tribunal.feed.map((f) => (
          <li key={f.participantId} className="rounded-md bg-paper px-3 py-2 text-sm">
            <p>
              <strong>{f.displayName}</strong> · {f.accusers} accuser{f.accusers === 1 ? "" : "s"} · {f.penalty.toFixed(2)}★
            </p>
            <ul className="flex flex-col gap-1" aria-label={`Charges against ${f.displayName}`}>
              {f.charges.map((c) => (
                <li key={c.charge} className="flex items-center justify-between gap-2" data-testid="control-charge">
                  <span className={c.hidden ? "text-steel line-through" : ""}>
                    {describeCharges([c])}
                    {c.hidden ? <span className="sr-only"> (withheld from the room)</span> : null}
                  </span>
                  <Button
                    variant="ghost"
                    disabled={pending}
                    onClick={() => void send({ action: "tribunal.hide-charge", participantId: f.participantId, charge: c.charge, hidden: !c.hidden })}
                    aria-label={`${c.hidden ? "Show again" : "Withhold"} the charge “${c.charge}” against ${f.displayName}`}
                  >
                    {c.hidden ? "Show" : "Withhold"}
                  </Button>
                </li>
              ))}
            </ul>
            {f.appeal ? (
              <p className="flex items-center justify-between gap-2">
                <span className={f.appealHidden ? "text-steel line-through" : "italic"}>Appeal: “{f.appeal}”</span>
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => void send({ action: "tribunal.hide-appeal", participantId: f.participantId, hidden: !f.appealHidden })}
                  aria-label={`${f.appealHidden ? "Unhide" : "Hide"} ${f.displayName}'s appeal`}
                >
                  {f.appealHidden ? "Unhide" : "Hide"}
                </Button>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ConferenceControl({ conference, send, pending, open }: { conference: NonNullable<RoundPayload["conference"]>; send: Send; pending: boolean; open: boolean }) {
  return (
    <div className="flex flex-col gap-2">
      <p>
        A proposal passes with {conference.needed} of {conference.active} votes. {open ? "Close the round to count the votes: passed changes apply from the next round on." : ""}
      </p>
      {conference.proposals.length === 0 ? <p className="text-sm italic text-steel">No proposals yet.</p> : null}
      <ul className="flex flex-col gap-2">
        {conference.proposals.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-paper px-3 py-2 text-sm" data-testid="control-proposal">
            <span>
              <strong className={p.hidden ? "text-steel line-through" : ""}>{p.text}</strong>
              {p.hidden ? " (withheld from the room)" : ""} ·{" "}
              {p.status === "open" ? `${p.ballots} ballots` : `${p.status === "passed" ? "passed" : "failed"}: ${describeSplit({ yes: p.for, no: p.against }, "for", "against", ", ")}`}
              {p.kind === "free-text" && p.accepted !== null ? ` · you ${p.accepted ? "accepted" : "rejected"} it` : ""}
            </span>
            {p.kind === "free-text" && open && p.status === "open" ? (
              <span className="flex gap-1">
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => void send({ action: "conference.hide", proposalId: p.id, hidden: !p.hidden })}
                  aria-label={`${p.hidden ? "Show again" : "Withhold"} the proposal “${p.text}”`}
                >
                  {p.hidden ? "Show" : "Withhold"}
                </Button>
                <Button variant="secondary" disabled={pending || p.accepted === true} onClick={() => void send({ action: "conference.decide", proposalId: p.id, accepted: true })}>
                  Accept
                </Button>
                <Button variant="ghost" disabled={pending || p.accepted === false} onClick={() => void send({ action: "conference.decide", proposalId: p.id, accepted: false })}>
                  Reject
                </Button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
