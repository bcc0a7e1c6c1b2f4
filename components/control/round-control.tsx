"use client";

// The control room's side of the interactive rounds: run the Reduction in
// Force hearing (moderate, advance, reveal), moderate tribunal appeals, decide
// free-text proposals, and lift rule changes the conference passed. The
// facilitator sees statements before they show, never who voted or accused.
import { useTranslations } from "next-intl";
import { useContentText } from "@/components/live/rule-text";
import { useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { PublicSession, RoundPayload } from "@/components/live/types";
import { api } from "@/components/participant/api";
import { formatSeconds, useSecondsLeft } from "@/components/rounds/deadline";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function RoundControlPanel({ code, session, round }: { code: string; session: PublicSession; round: RoundPayload | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const t = useTranslations("facilitator.rounds");
  const errorText = useErrorText();
  async function send(body: Record<string, unknown>) {
    setPending(true);
    setError(null);
    const result = await api(`/api/sessions/${code}/round-control`, { method: "POST", body });
    setPending(false);
    if (!result.ok) setError(errorText(result));
  }
  const current = round && round.round === session.round.number ? round : null;
  const kind = session.round.kind;
  const amendments = round?.amendments ?? [];
  if (!current || (kind === "rating" && amendments.length === 0)) return null;
  return (
    <section aria-labelledby="round-control-heading" className="flex flex-col gap-4 rounded-lg border-4 border-party bg-white p-5" data-testid="round-control">
      <h2 id="round-control-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
        {t(`kinds.${kind === "rif" || kind === "tribunal" || kind === "conference" ? kind : "rating"}`)}
      </h2>
      {error ? <Alert>{error}</Alert> : null}
      {kind === "rif" && current.rif ? <RifControl rif={current.rif} send={send} pending={pending} /> : null}
      {kind === "tribunal" && current.tribunal ? <TribunalControl tribunal={current.tribunal} send={send} pending={pending} /> : null}
      {kind === "conference" && current.conference ? (
        <ConferenceControl conference={current.conference} send={send} pending={pending} open={session.phase === "round_open"} />
      ) : null}
      {amendments.length > 0 ? (
        <div className="flex flex-col gap-2 border-t-2 border-ink/10 pt-3" data-testid="amendments-control">
          <h3 className="font-bold uppercase">{t("amendments")}</h3>
          <ul className="flex flex-col gap-1">
            {amendments.map((a, i) => (
              <li key={`${a.kind}-${i}`} className="flex items-center justify-between gap-3 rounded-md bg-paper px-3 py-1">
                <span>
                  {a.text} <span className="text-sm text-steel">{t("roundN", { round: a.round })}</span>
                </span>
                <Button variant="ghost" disabled={pending} onClick={() => void send({ action: "amendments.lift", index: i })} aria-label={t("liftLabel", { text: a.text })}>
                  {t("lift")}
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
  const { split } = useContentText();
  const left = useSecondsLeft(rif.stage === "statements" ? rif.statementEndsAt : null);
  const showing = rif.showing ?? 0;
  const missing = rif.cases.filter((c) => c.statementStatus !== "written").length;
  const t = useTranslations("facilitator.rounds");
  return (
    <div className="flex flex-col gap-3">
      <p data-testid="rif-stage">
        {rif.stage === "statements"
          ? t("statements", {
              written: rif.cases.filter((c) => c.statementStatus === "written").length,
              total: rif.cases.length,
              left: left !== null ? formatSeconds(left) : "none",
            })
          : rif.stage === "hearing"
            ? t("hearing", { n: showing + 1, total: rif.cases.length, ballots: rif.ballots ?? 0, electorate: rif.electorate })
            : t("verdictShown")}
      </p>
      <div className="flex flex-wrap gap-2">
        {rif.stage === "statements" ? (
          <>
            {missing > 0 ? (
              <p role="note" className="w-full text-sm font-semibold text-party" data-testid="rif-missing-warning">
                {t("missing", { missing, total: rif.cases.length, left: left ? formatSeconds(left) : "none" })}
              </p>
            ) : null}
            <Button
              disabled={pending}
              onClick={() => {
                if (
                  missing > 0 &&
                  !window.confirm(
                    t("confirmStart", { missing, total: rif.cases.length, left: left ? formatSeconds(left) : "none" }),
                  )
                )
                  return;
                void send({ action: "rif.start-hearing" });
              }}
            >
              {t("startHearing")}
            </Button>
          </>
        ) : null}
        {rif.stage === "hearing" ? (
          <>
            <Button variant="secondary" disabled={pending || showing === 0} onClick={() => void send({ action: "rif.previous" })}>
              {t("previous")}
            </Button>
            <Button variant="secondary" disabled={pending || showing >= rif.cases.length - 1} onClick={() => void send({ action: "rif.next" })}>
              {t("nextStatement")}
            </Button>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() => {
                if (window.confirm(t("confirmReveal"))) void send({ action: "rif.reveal" });
              }}
            >
              {t("reveal")}
            </Button>
          </>
        ) : null}
      </div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("atRisk")}</caption>
        <thead>
          <tr className="border-b-2 border-ink/20">
            <th scope="col" className="py-1">
              {t("name")}
            </th>
            <th scope="col">{t("rank")}</th>
            <th scope="col">{t("statement")}</th>
            <th scope="col">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rif.cases.map((c, i) => (
            <tr key={c.participantId} className={`border-b border-ink/10 align-top ${rif.stage === "hearing" && i === showing ? "bg-gold/20" : ""}`} data-testid="control-case">
              <td className="py-2 font-semibold">
                {c.displayName}
                {rif.stage === "hearing" && i === showing ? <span className="ml-1 text-xs font-bold uppercase text-party">{t("onScreen")}</span> : null}
              </td>
              <td>{c.rankAtSelection ?? "–"}</td>
              <td className={c.hidden ? "text-steel line-through" : ""}>
                {c.statement ? t("quoted", { text: c.statement }) : <em className="text-steel">{t("noStatement")}</em>}
                {c.hidden ? <span className="ml-1 no-underline">{t("hidden")}</span> : null}
                {c.verdict ? (
                  <strong className="block">
                    {c.verdict.outcome === "let_go" ? t("letGo") : t("kept")} · {split({ yes: c.verdict.keep, no: c.verdict.letGo }, "rif")}
                  </strong>
                ) : null}
              </td>
              <td className="whitespace-nowrap text-right">
                {rif.stage === "hearing" && i !== showing ? (
                  <Button variant="ghost" disabled={pending} onClick={() => void send({ action: "rif.show", index: i })} aria-label={t("showLabel", { name: c.displayName })}>
                    {t("show")}
                  </Button>
                ) : null}
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => void send({ action: "rif.hide", participantId: c.participantId, hidden: !c.hidden })}
                  aria-label={t("hideStatementLabel", { hidden: c.hidden ? "yes" : "no", name: c.displayName })}
                >
                  {c.hidden ? t("unhide") : t("hide")}
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
  const { charges } = useContentText();
  const t = useTranslations("facilitator.rounds");
  return (
    <div className="flex flex-col gap-2">
      <p>
        {t("tribunalSummary", { total: tribunal.total, penalty: tribunal.penalty, cap: tribunal.cap, reward: tribunal.reward > 0 ? String(tribunal.reward) : "none" })}
      </p>
      {tribunal.feed.length === 0 ? <p className="text-sm italic text-steel">{t("noCharges")}</p> : null}
      <ul className="flex flex-col gap-2">
        {tribunal.feed.map((f) => (
          <li key={f.participantId} className="rounded-md bg-paper px-3 py-2 text-sm">
            <p>
              <strong>{f.displayName}</strong> · {t("accusers", { count: f.accusers })} · {f.penalty.toFixed(2)}★
            </p>
            <ul className="flex flex-col gap-1" aria-label={t("chargesAgainst", { name: f.displayName })}>
              {f.charges.map((c) => (
                <li key={c.charge} className="flex items-center justify-between gap-2" data-testid="control-charge">
                  <span className={c.hidden ? "text-steel line-through" : ""}>
                    {charges([c])}
                    {c.hidden ? <span className="sr-only">{t("withheldSr")}</span> : null}
                  </span>
                  <Button
                    variant="ghost"
                    disabled={pending}
                    onClick={() => void send({ action: "tribunal.hide-charge", participantId: f.participantId, charge: c.charge, hidden: !c.hidden })}
                    aria-label={t("chargeLabel", { hidden: c.hidden ? "yes" : "no", charge: c.charge, name: f.displayName })}
                  >
                    {c.hidden ? t("show") : t("withhold")}
                  </Button>
                </li>
              ))}
            </ul>
            {f.appeal ? (
              <p className="flex items-center justify-between gap-2">
                <span className={f.appealHidden ? "text-steel line-through" : "italic"}>{t("appeal", { text: f.appeal })}</span>
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => void send({ action: "tribunal.hide-appeal", participantId: f.participantId, hidden: !f.appealHidden })}
                  aria-label={t("appealLabel", { hidden: f.appealHidden ? "yes" : "no", name: f.displayName })}
                >
                  {f.appealHidden ? t("unhide") : t("hide")}
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
  const { split, amendment } = useContentText();
  const t = useTranslations("facilitator.rounds");
  return (
    <div className="flex flex-col gap-2">
      <p>
        {t("passes", { needed: conference.needed, active: conference.active })}
        {open ? t("countVotes") : ""}
      </p>
      {conference.proposals.length === 0 ? <p className="text-sm italic text-steel">{t("noProposals")}</p> : null}
      <ul className="flex flex-col gap-2">
        {conference.proposals.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-paper px-3 py-2 text-sm" data-testid="control-proposal">
            <span>
              <strong className={p.hidden ? "text-steel line-through" : ""}>{amendment({ kind: p.kind, text: p.text, value: p.value ?? null })}</strong>
              {p.hidden ? t("withheld") : ""} ·{" "}
              {p.status === "open"
                ? t("ballots", { count: p.ballots })
                : t("outcome", { status: p.status === "passed" ? "passed" : "failed", split: split({ yes: p.for, no: p.against }, "proposal", ", ") })}
              {p.kind === "free-text" && p.accepted !== null ? t("decided", { accepted: p.accepted ? "yes" : "no" }) : ""}
            </span>
            {p.kind === "free-text" && open && p.status === "open" ? (
              <span className="flex gap-1">
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => void send({ action: "conference.hide", proposalId: p.id, hidden: !p.hidden })}
                  aria-label={t("proposalLabel", { hidden: p.hidden ? "yes" : "no", text: p.text })}
                >
                  {p.hidden ? t("show") : t("withhold")}
                </Button>
                <Button variant="secondary" disabled={pending || p.accepted === true} onClick={() => void send({ action: "conference.decide", proposalId: p.id, accepted: true })}>
                  {t("accept")}
                </Button>
                <Button variant="ghost" disabled={pending || p.accepted === false} onClick={() => void send({ action: "conference.decide", proposalId: p.id, accepted: false })}>
                  {t("reject")}
                </Button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
