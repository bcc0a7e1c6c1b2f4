"use client";

// The phone's side of the interactive rounds: a Reduction in Force (write a
// statement when at risk, vote keep / let go otherwise), the tribunal
// (denounce, see the charges against you, appeal once) and the production
// conference (propose, vote). Built for one thumb: big targets, one column.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import { useContentText } from "@/components/live/rule-text";
import type { MePayload, RoundPayload } from "@/components/live/types";
import { formatSeconds, useSecondsLeft } from "@/components/rounds/deadline";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CAPPED_BOTTOM_PERCENT } from "@/lib/domain/rounds/conference";
import { api } from "./api";

type Personal = MePayload["interactive"];
const STATEMENT_MAX = 280;
const APPEAL_MAX = 280;
const CHARGE_MAX = 80;
const PROPOSAL_MAX = 140;

function useAction() {
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(url: string, method: string, body: unknown): Promise<boolean> {
    setBusy(true);
    setError(null);
    const result = await api(url, { method, body });
    setBusy(false);
    if (!result.ok) setError(errorText(result));
    return result.ok;
  }
  return { error, busy, run, setError };
}

// ── Reduction in Force ─────────────────────────────────────────────────────

export function RifPanel({
  code,
  round,
  personal,
  selfId,
  observer,
}: {
  code: string;
  round: RoundPayload | null;
  personal: Personal["rif"];
  selfId: string;
  observer: boolean;
}) {
  const t = useTranslations("participant.rif");
  const rif = round?.rif;
  if (!rif) return <p className="text-steel">{t("waiting")}</p>;
  const atRisk = personal?.atRisk ?? false;
  const mine = rif.cases.find((c) => c.participantId === selfId);

  if (rif.stage === "statements") {
    return atRisk ? (
      <StatementForm code={code} deadline={rif.statementEndsAt} initial={personal?.statement ?? ""} />
    ) : (
      <section aria-labelledby="rif-wait" className="flex flex-col gap-3" data-testid="rif-waiting">
        <h2 id="rif-wait" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          {t("title")}
        </h2>
        <p>{t("atRiskWriting", { count: rif.cases.length })}</p>
        <ul className="flex flex-col gap-1">
          {rif.cases.map((c) => (
            <li key={c.participantId} className="flex justify-between gap-3 rounded-md bg-white px-3 py-2">
              <span className="min-w-0 font-semibold break-words">{c.displayName}</span>
              <span className="shrink-0 text-sm text-steel">{c.statementStatus === "written" ? t("written") : t("writing")}</span>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  if (rif.stage === "revealed") {
    return (
      <section aria-labelledby="rif-result" className="flex flex-col gap-3" data-testid="rif-result">
        <h2 id="rif-result" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          {t("verdict")}
        </h2>
        {/* Those let go see the observer note above every tab; those kept get their relief here. */}
        {mine?.verdict?.outcome === "kept" ? <Alert tone="success">{t("kept")}</Alert> : null}
        <VerdictList cases={rif.cases} />
      </section>
    );
  }

  // The hearing.
  const showing = rif.showing ?? 0;
  const voter = !atRisk && !observer;
  return (
    <section aria-labelledby="rif-hearing" className="flex flex-col gap-3" data-testid="rif-hearing">
      <h2 id="rif-hearing" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
        {t("hearing")}
      </h2>
      <p className="text-sm text-steel">{voter ? t("votingNote") : atRisk ? t("atRiskNote") : t("observerNote")}</p>
      <ol className="flex flex-col gap-3">
        {rif.cases.map((c, i) => (
          <CaseCard key={c.participantId} code={code} c={c} onScreen={i === showing} vote={personal?.votes[c.participantId]} canVote={voter && c.shown} />
        ))}
      </ol>
    </section>
  );
}

function StatementForm({ code, deadline, initial }: { code: string; deadline: string | null; initial: string }) {
  const t = useTranslations("participant.rif");
  const tl = useTranslations("live.countdown");
  const [text, setText] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const { error, busy, run } = useAction();
  const left = useSecondsLeft(deadline);
  const over = text.trim().length > STATEMENT_MAX;
  const closed = left === 0;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (await run(`/api/sessions/${code}/statement`, "PUT", { text })) setSaved(text.trim());
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="statement-form">
      <div className="rounded-lg border-4 border-party bg-party/10 p-3">
        <p className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase text-party-dark">{t("youAtRisk")}</p>
        <p className="text-sm">{t.rich("youAtRiskNote", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      </div>
      <p className="flex items-baseline justify-between gap-3">
        <label htmlFor="statement" className="font-bold">
          {t("statement")}
        </label>
        {left !== null ? (
          <span role="timer" aria-label={tl("label", { time: formatSeconds(left) })} className={`font-mono text-xl font-bold ${left <= 10 ? "text-party" : ""}`}>
            {formatSeconds(left)}
          </span>
        ) : null}
      </p>
      <textarea
        id="statement"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={5}
        maxLength={STATEMENT_MAX + 40}
        disabled={closed}
        aria-describedby="statement-count"
        className="rounded-md border-2 border-ink bg-white p-3 text-base"
        placeholder={t("statementPlaceholder")}
      />
      <p id="statement-count" className={`text-right text-sm ${over ? "font-bold text-party" : "text-steel"}`}>
        {text.trim().length} / {STATEMENT_MAX}
        {over ? t("tooLong") : ""}
      </p>
      {error ? <Alert>{error}</Alert> : null}
      {saved && saved === text.trim() ? (
        <Alert tone="success">{t("saved")}</Alert>
      ) : null}
      {closed ? <Alert tone="info">{t("timeUp")}</Alert> : null}
      <Button type="submit" size="lg" disabled={busy || over || closed || text.trim() === saved}>
        {saved ? t("update") : t("send")}
      </Button>
    </form>
  );
}

type Case = NonNullable<RoundPayload["rif"]>["cases"][number];

function CaseCard({ code, c, onScreen, vote, canVote }: { code: string; c: Case; onScreen: boolean; vote: "keep" | "let_go" | undefined; canVote: boolean }) {
  const t = useTranslations("participant.rif");
  return (
    <li className={`flex flex-col gap-2 rounded-lg border-2 bg-white p-3 ${onScreen ? "border-party" : "border-ink/20"}`} data-testid="rif-case" data-participant-id={c.participantId}>
      <p className="flex items-baseline justify-between gap-2">
        <span className="min-w-0 text-lg font-bold break-words">{c.displayName}</span>
        {onScreen ? <span className="shrink-0 rounded bg-party px-2 text-xs font-bold uppercase text-white">{t("onScreen")}</span> : null}
      </p>
      {!c.shown ? (
        <p className="text-sm italic text-steel">{t("notHeard")}</p>
      ) : c.hidden ? (
        <p className="text-sm italic text-steel">{t("withheld")}</p>
      ) : c.statementStatus === "none" ? (
        <p className="text-sm italic text-steel">{t("none")}</p>
      ) : (
        <blockquote className="border-l-4 border-ink/30 pl-3 break-words">{t("quote", { text: c.statement ?? "" })}</blockquote>
      )}
      {canVote ? (
        <VoteChoice
          label={t("voteOn", { name: c.displayName })}
          url={`/api/sessions/${code}/rif-votes/${c.participantId}`}
          current={vote}
          options={[
            { value: "keep", text: t("keep"), idle: "border-ink bg-paper", pressed: "border-ink bg-ink text-paper" },
            { value: "let_go", text: t("letGo"), idle: "border-party bg-paper text-party-dark", pressed: "border-party bg-party text-white" },
          ]}
        />
      ) : null}
    </li>
  );
}

function VerdictList({ cases }: { cases: Case[] }) {
  const t = useTranslations("participant.rif");
  const content = useContentText();
  return (
    <ul className="flex flex-col gap-2">
      {cases.map((c) => (
        <li key={c.participantId} className="flex items-center justify-between gap-2 rounded-md bg-white px-3 py-2" data-testid="verdict" data-outcome={c.verdict?.outcome ?? ""}>
          <span className="min-w-0 font-semibold break-words">{c.displayName}</span>
          {c.verdict ? (
            <span className={`shrink-0 text-right text-sm font-bold ${c.verdict.outcome === "let_go" ? "text-party" : ""}`}>
              {c.verdict.outcome === "let_go" ? t("outcomeLetGo") : t("outcomeKept")} · {content.split({ yes: c.verdict.keep, no: c.verdict.letGo }, "rif")}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

// ── The tribunal ───────────────────────────────────────────────────────────

export function TribunalPanel({
  code,
  round,
  personal,
  selfId,
  observer,
  roster,
}: {
  code: string;
  round: RoundPayload | null;
  personal: Personal["tribunal"];
  selfId: string;
  observer: boolean;
  /** Everyone in the session now (live). */
  roster: { participants: { id: string; displayName: string }[] } | null;
}) {
  const tr = useTranslations("participant.tribunal");
  const t = round?.tribunal;
  const colleagues = (roster?.participants ?? []).filter((c) => c.id !== selfId);
  if (!t) return <p className="text-steel">{tr("waiting")}</p>;
  const charges = personal?.charges ?? [];
  return (
    <div className="flex flex-col gap-5">
      {charges.length > 0 ? <ChargesAgainstMe code={code} personal={personal!} open={t.open && !observer} /> : null}
      {t.open && !observer ? <DenounceForm code={code} charges={t.charges} colleagues={colleagues} denounced={personal?.denounced ?? []} penalty={t.penalty} /> : null}
      {!t.open ? <Alert tone="info">{tr("closed")}</Alert> : null}
      <section aria-labelledby="feed-heading" className="flex flex-col gap-2">
        <h2 id="feed-heading" className="font-[family-name:var(--font-display)] text-xl font-bold uppercase">
          {tr("soFar", { total: t.total })}
        </h2>
        <TribunalFeed feed={t.feed} />
      </section>
    </div>
  );
}

function ChargesAgainstMe({ code, personal, open }: { code: string; personal: NonNullable<Personal["tribunal"]>; open: boolean }) {
  const t = useTranslations("participant.tribunal");
  const content = useContentText();
  const [text, setText] = useState("");
  const { error, busy, run } = useAction();
  const over = text.trim().length > APPEAL_MAX;
  return (
    <section aria-labelledby="against-me" className="flex flex-col gap-2 rounded-lg border-4 border-party bg-party/10 p-3" data-testid="charges-against-me">
      <h2 id="against-me" className="font-[family-name:var(--font-display)] text-xl font-bold uppercase text-party-dark">
        {t("accused")}
      </h2>
      <p className="text-sm">{t("accusedBy", { count: personal.accusers })}</p>
      <ul className="list-disc pl-5">
        {personal.charges.map((c) => (
          <li key={c.charge} className="break-words">
            {content.charges([c])}
          </li>
        ))}
      </ul>
      {personal.appeal ? (
        <p className="text-sm break-words">{t.rich("yourAppeal", { text: personal.appeal, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      ) : open ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run(`/api/sessions/${code}/appeal`, "POST", { text })) setText("");
          }}
        >
          <label htmlFor="appeal" className="font-bold">
            {t("appealLabel")}
          </label>
          <textarea id="appeal" rows={3} value={text} onChange={(e) => setText(e.target.value)} className="rounded-md border-2 border-ink bg-white p-2" />
          <p className={`text-right text-sm ${over ? "font-bold text-party" : "text-steel"}`}>
            {text.trim().length} / {APPEAL_MAX}
          </p>
          {error ? <Alert>{error}</Alert> : null}
          <Button type="submit" disabled={busy || over || text.trim().length === 0}>
            {t("appealSend")}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

function DenounceForm({
  code,
  charges,
  colleagues,
  denounced,
  penalty,
}: {
  code: string;
  charges: string[];
  colleagues: { id: string; displayName: string }[];
  denounced: string[];
  penalty: number;
}) {
  const t = useTranslations("participant.tribunal");
  const content = useContentText();
  const [accused, setAccused] = useState("");
  const [charge, setCharge] = useState(charges[0] ?? "");
  const [other, setOther] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { error, busy, run } = useAction();
  const custom = charge === "__other";
  const text = custom ? other : charge;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const name = colleagues.find((c) => c.id === accused)?.displayName ?? "";
    if (await run(`/api/sessions/${code}/denunciations`, "POST", { accusedId: accused, charge: text })) {
      setDone(t("done", { name }));
      setAccused("");
      setOther("");
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="denounce-form">
      <h2 className="font-[family-name:var(--font-display)] text-xl font-bold uppercase">{t("denounceTitle")}</h2>
      <p className="text-sm text-steel">{t("denounceNote", { penalty })}</p>
      <label htmlFor="accused" className="font-bold">
        {t("colleague")}
      </label>
      <select id="accused" value={accused} onChange={(e) => setAccused(e.target.value)} className="min-h-12 rounded-md border-2 border-ink bg-white px-2" required>
        <option value="">{t("choose")}</option>
        {colleagues.map((c) => (
          <option key={c.id} value={c.id} disabled={denounced.includes(c.id)}>
            {denounced.includes(c.id) ? t("alreadyDenounced", { name: c.displayName }) : c.displayName}
          </option>
        ))}
      </select>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-bold">{t("charge")}</legend>
        {[...charges, "__other"].map((c) => (
          <label key={c} className="flex min-h-11 items-center gap-3 rounded-md bg-white px-3">
            <input type="radio" name="charge" value={c} checked={charge === c} onChange={() => setCharge(c)} className="h-5 w-5 shrink-0 accent-party" />
            <span className="min-w-0 break-words">{c === "__other" ? t("other") : content.charge(c)}</span>
          </label>
        ))}
      </fieldset>
      {custom ? (
        <>
          <label htmlFor="other-charge" className="font-bold">
            {t("yourCharge")}
          </label>
          <input
            id="other-charge"
            value={other}
            onChange={(e) => setOther(e.target.value)}
            maxLength={CHARGE_MAX}
            className="min-h-12 rounded-md border-2 border-ink bg-white px-3"
            placeholder={t("chargePlaceholder")}
          />
        </>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <Button type="submit" variant="danger" size="lg" disabled={busy || !accused || text.trim().length === 0}>
        {t("denounce")}
      </Button>
    </form>
  );
}

export function TribunalFeed({ feed }: { feed: NonNullable<RoundPayload["tribunal"]>["feed"] }) {
  const t = useTranslations("participant.tribunal");
  const content = useContentText();
  if (feed.length === 0) return <p className="text-sm italic text-steel">{t("none")}</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="tribunal-feed">
      {feed.map((f) => (
        <li key={f.participantId} className="rounded-md bg-white px-3 py-2" data-testid="feed-item" data-participant-id={f.participantId}>
          <p className="flex justify-between gap-2">
            <span className="min-w-0 font-bold break-words">{f.displayName}</span>
            <span className="shrink-0 font-mono text-sm">{t("accusers", { count: f.accusers, penalty: content.score(f.penalty) })}</span>
          </p>
          <p className="text-sm break-words">{content.charges(f.charges)}</p>
          {f.appeal ? <p className="mt-1 text-sm break-words italic">{t("appeal", { text: f.appeal })}</p> : null}
        </li>
      ))}
    </ul>
  );
}

// ── The production conference ──────────────────────────────────────────────

export function ConferencePanel({
  code,
  round,
  personal,
  observer,
  roundOpen,
}: {
  code: string;
  round: RoundPayload | null;
  personal: Personal["conference"];
  observer: boolean;
  roundOpen: boolean;
}) {
  const t = useTranslations("participant.conference");
  const tm = useTranslations("content");
  const c = round?.conference;
  const [text, setText] = useState("");
  const { error, busy, run } = useAction();
  if (!c) return <p className="text-steel">{t("waiting")}</p>;
  const open = roundOpen && !c.decided && !observer;
  const proposed = new Set(c.proposals.map((p) => p.kind));
  const left = personal?.proposalsLeft ?? 0;
  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="conf-heading" className="flex flex-col gap-2">
        <h2 id="conf-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          {t("title")}
        </h2>
        <p className="text-sm">
          {t.rich(c.thresholdPercent === null ? "rulesMajority" : "rulesPercent", {
            needed: c.needed,
            active: c.active,
            percent: c.thresholdPercent ?? 0,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        {observer ? <Alert tone="info">{t("observer")}</Alert> : null}
      </section>
      {open ? (
        <section aria-labelledby="propose-heading" className="flex flex-col gap-2" data-testid="propose">
          <h3 id="propose-heading" className="font-bold uppercase">
            {t("propose")} {left < 3 ? <span className="font-normal normal-case text-steel">{t("left", { count: left })}</span> : null}
          </h3>
          <div className="grid grid-cols-1 gap-2">
            {/* A change someone already proposed is in the list below: vote on it there. */}
            {c.menu
              .filter((k) => k !== "free-text" && !proposed.has(k))
              .map((k) => (
                <Button
                  key={k}
                  variant="secondary"
                  disabled={busy || left === 0}
                  onClick={() => void run(`/api/sessions/${code}/proposals`, "POST", { kind: k })}
                  className="!justify-start !whitespace-normal text-left"
                >
                  + {tm(`menu.${k as Exclude<typeof k, "free-text">}`, { percent: CAPPED_BOTTOM_PERCENT })}
                </Button>
              ))}
          </div>
          {c.menu.includes("free-text") ? (
            <form
              className="mt-2 flex flex-col gap-2"
              onSubmit={async (e) => {
                e.preventDefault();
                if (await run(`/api/sessions/${code}/proposals`, "POST", { kind: "free-text", text })) setText("");
              }}
            >
              <label htmlFor="free-proposal" className="font-bold">
                {t("ownLabel")}
              </label>
              <input
                id="free-proposal"
                value={text}
                maxLength={PROPOSAL_MAX}
                onChange={(e) => setText(e.target.value)}
                className="min-h-12 rounded-md border-2 border-ink bg-white px-3"
                placeholder={t("ownPlaceholder")}
              />
              <Button type="submit" disabled={busy || text.trim().length < 3 || left === 0}>
                {t("proposeSubmit")}
              </Button>
            </form>
          ) : null}
          {error ? <Alert>{error}</Alert> : null}
        </section>
      ) : null}
      <section aria-labelledby="proposals-heading" className="flex flex-col gap-2">
        <h3 id="proposals-heading" className="font-bold uppercase">
          {t("proposals", { count: c.proposals.length })}
        </h3>
        {c.proposals.length === 0 ? <p className="text-sm italic text-steel">{t("none")}</p> : null}
        <ul className="flex flex-col gap-2">
          {c.proposals.map((p) => (
            <ProposalCard key={p.id} code={code} p={p} needed={c.needed} vote={personal?.votes[p.id]} canVote={open} />
          ))}
        </ul>
      </section>
    </div>
  );
}

type Proposal = NonNullable<RoundPayload["conference"]>["proposals"][number];

function ProposalCard({ code, p, needed, vote, canVote }: { code: string; p: Proposal; needed: number; vote: "for" | "against" | undefined; canVote: boolean }) {
  const t = useTranslations("participant.conference");
  const content = useContentText();
  const text = content.amendment(p);
  const freeText = p.kind === "free-text";
  return (
    <li className="flex flex-col gap-2 rounded-lg border-2 border-ink/20 bg-white p-3" data-testid="proposal" data-kind={p.kind} data-status={p.status}>
      <p className={`break-words ${p.hidden ? "italic text-steel" : "font-bold"}`}>{text}</p>
      <p className="text-sm text-steel">
        {p.status === "open"
          ? freeText
            ? t("openFree", { count: p.ballots })
            : t("openMenu", { count: p.ballots, needed })
          : t("decided", {
              outcome: p.status === "passed" ? (freeText ? "accepted" : "passed") : freeText ? "notAccepted" : "failed",
              split: content.split({ yes: p.for, no: p.against }, "proposal", ", "),
            })}
        {freeText && p.accepted !== null && p.status === "open" ? t("facilitatorSaid", { accepted: p.accepted ? "yes" : "no" }) : ""}
      </p>
      {canVote && !p.hidden ? (
        <VoteChoice
          label={t("voteOn", { text })}
          url={`/api/sessions/${code}/proposals/${p.id}/vote`}
          current={vote}
          options={[
            { value: "for", text: t("for"), idle: "border-ink bg-paper", pressed: "border-ink bg-ink text-paper" },
            { value: "against", text: t("against"), idle: "border-ink bg-paper", pressed: "border-ink bg-steel text-white" },
          ]}
        />
      ) : null}
    </li>
  );
}

/**
 * Two big pressed/unpressed buttons for an anonymous vote that can be changed: shown at once on tap,
 * confirmed by the live `me` event a moment later, put back (with the server's message) if refused.
 */
function VoteChoice<V extends string>({
  label,
  url,
  current,
  options,
}: {
  label: string;
  url: string;
  current: V | undefined;
  options: { value: V; text: string; idle: string; pressed: string }[];
}) {
  const [optimistic, setOptimistic] = useState<V | null>(null);
  const mine = optimistic ?? current;
  const { error, busy, run } = useAction();
  async function cast(v: V) {
    setOptimistic(v);
    if (!(await run(url, "PUT", { vote: v }))) setOptimistic(null);
  }
  return (
    <>
      <div role="group" aria-label={label} className="grid grid-cols-2 gap-2">
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            aria-pressed={mine === o.value}
            disabled={busy}
            onClick={() => void cast(o.value)}
            className={`min-h-12 rounded-md border-2 font-bold uppercase ${mine === o.value ? o.pressed : o.idle}`}
          >
            {mine === o.value ? "✔ " : ""}
            {o.text}
          </button>
        ))}
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </>
  );
}
