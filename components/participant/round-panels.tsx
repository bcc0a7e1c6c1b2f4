"use client";

// The phone's side of the interactive rounds: a Reduction in Force (write a
// statement when at risk, vote keep / let go otherwise), the tribunal
// (denounce, see the charges against you, appeal once) and the production
// conference (propose, vote). Built for one thumb: big targets, one column.
import { describeSplit } from "@/lib/domain/rounds/electorate";
import { useState } from "react";
import type { MePayload, RoundPayload } from "@/components/live/types";
import { formatSeconds, useSecondsLeft } from "@/components/rounds/deadline";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api } from "./api";
import { describeCharges } from "@/lib/domain/rounds/tribunal";

type Personal = MePayload["interactive"];
const STATEMENT_MAX = 280;
const APPEAL_MAX = 280;
const CHARGE_MAX = 80;
const PROPOSAL_MAX = 140;

function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(url: string, method: string, body: unknown): Promise<boolean> {
    setBusy(true);
    setError(null);
    const result = await api(url, { method, body });
    setBusy(false);
    if (!result.ok) setError(result.message);
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
  const rif = round?.rif;
  if (!rif) return <p className="text-steel">Waiting for the Reduction in Force to start…</p>;
  const atRisk = personal?.atRisk ?? false;
  const mine = rif.cases.find((c) => c.participantId === selfId);

  if (rif.stage === "statements") {
    return atRisk ? (
      <StatementForm code={code} deadline={rif.statementEndsAt} initial={personal?.statement ?? ""} />
    ) : (
      <section aria-labelledby="rif-wait" className="flex flex-col gap-3" data-testid="rif-waiting">
        <h2 id="rif-wait" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          Reduction in Force
        </h2>
        <p>
          The bottom of the ranking is at risk. {rif.cases.length === 1 ? "One colleague is" : `${rif.cases.length} colleagues are`} writing why they
          should stay. Their statements go on the projector under their names; then you vote: keep, or let go.
        </p>
        <ul className="flex flex-col gap-1">
          {rif.cases.map((c) => (
            <li key={c.participantId} className="flex justify-between rounded-md bg-white px-3 py-2">
              <span className="font-semibold">{c.displayName}</span>
              <span className="text-sm text-steel">{c.statementStatus === "written" ? "✎ statement written" : "writing…"}</span>
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
          The verdict
        </h2>
        {/* Those let go see the observer note above every tab; those kept get their relief here. */}
        {mine?.verdict?.outcome === "kept" ? <Alert tone="success">The room kept you. You stay in the ranking.</Alert> : null}
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
        The hearing
      </h2>
      <p className="text-sm text-steel">
        {voter
          ? "Vote on each colleague once their statement has been on the projector. Your vote is anonymous and you can change it until the result is revealed."
          : atRisk
            ? "You are at risk: the others are voting now. Your statement is on the projector in turn."
            : "You watch as an observer."}
      </p>
      <ol className="flex flex-col gap-3">
        {rif.cases.map((c, i) => (
          <CaseCard key={c.participantId} code={code} c={c} onScreen={i === showing} vote={personal?.votes[c.participantId]} canVote={voter && c.shown} />
        ))}
      </ol>
    </section>
  );
}

function StatementForm({ code, deadline, initial }: { code: string; deadline: string | null; initial: string }) {
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
        <p className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase text-party-dark">You are at risk</p>
        <p className="text-sm">
          You are in the bottom of the ranking. Say why you should stay and what makes you stand out. Your statement goes on the projector{" "}
          <strong>under your name</strong>; then the room votes.
        </p>
      </div>
      <p className="flex items-baseline justify-between">
        <label htmlFor="statement" className="font-bold">
          Your statement
        </label>
        {left !== null ? (
          <span role="timer" aria-label={`Time left ${formatSeconds(left)}`} className={`font-mono text-xl font-bold ${left <= 10 ? "text-party" : ""}`}>
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
        placeholder="I exceed the plan every week because…"
      />
      <p id="statement-count" className={`text-right text-sm ${over ? "font-bold text-party" : "text-steel"}`}>
        {text.trim().length} / {STATEMENT_MAX}
        {over ? " — too long" : ""}
      </p>
      {error ? <Alert>{error}</Alert> : null}
      {saved && saved === text.trim() ? (
        <Alert tone="success">Statement saved. You can still change it until the time is up.</Alert>
      ) : null}
      {closed ? <Alert tone="info">Time is up: statements are closed.</Alert> : null}
      <Button type="submit" size="lg" disabled={busy || over || closed || text.trim() === saved}>
        {saved ? "Update statement" : "Send statement"}
      </Button>
    </form>
  );
}

type Case = NonNullable<RoundPayload["rif"]>["cases"][number];

function CaseCard({ code, c, onScreen, vote, canVote }: { code: string; c: Case; onScreen: boolean; vote: "keep" | "let_go" | undefined; canVote: boolean }) {
  return (
    <li className={`flex flex-col gap-2 rounded-lg border-2 bg-white p-3 ${onScreen ? "border-party" : "border-ink/20"}`} data-testid="rif-case" data-participant-id={c.participantId}>
      <p className="flex items-baseline justify-between gap-2">
        <span className="text-lg font-bold">{c.displayName}</span>
        {onScreen ? <span className="rounded bg-party px-2 text-xs font-bold uppercase text-white">on screen</span> : null}
      </p>
      {!c.shown ? (
        <p className="text-sm italic text-steel">Not heard yet: wait for the projector.</p>
      ) : c.hidden ? (
        <p className="text-sm italic text-steel">Statement withheld by the facilitator.</p>
      ) : c.statementStatus === "none" ? (
        <p className="text-sm italic text-steel">No statement.</p>
      ) : (
        <blockquote className="border-l-4 border-ink/30 pl-3">“{c.statement}”</blockquote>
      )}
      {canVote ? (
        <VoteChoice
          label={`Your vote on ${c.displayName}`}
          url={`/api/sessions/${code}/rif-votes/${c.participantId}`}
          current={vote}
          options={[
            { value: "keep", text: "Keep", idle: "border-ink bg-paper", pressed: "border-ink bg-ink text-paper" },
            { value: "let_go", text: "Let go", idle: "border-party bg-paper text-party-dark", pressed: "border-party bg-party text-white" },
          ]}
        />
      ) : null}
    </li>
  );
}

function VerdictList({ cases }: { cases: Case[] }) {
  return (
    <ul className="flex flex-col gap-2">
      {cases.map((c) => (
        <li key={c.participantId} className="flex items-center justify-between gap-2 rounded-md bg-white px-3 py-2" data-testid="verdict" data-outcome={c.verdict?.outcome ?? ""}>
          <span className="font-semibold">{c.displayName}</span>
          {c.verdict ? (
            <span className={`text-sm font-bold ${c.verdict.outcome === "let_go" ? "text-party" : ""}`}>
              {c.verdict.outcome === "let_go" ? "✖ Let go" : "✔ Kept"} · {describeSplit({ yes: c.verdict.keep, no: c.verdict.letGo }, "keep", "let go")}
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
  const t = round?.tribunal;
  const colleagues = (roster?.participants ?? []).filter((c) => c.id !== selfId);
  if (!t) return <p className="text-steel">Waiting for the tribunal…</p>;
  const charges = personal?.charges ?? [];
  return (
    <div className="flex flex-col gap-5">
      {charges.length > 0 ? <ChargesAgainstMe code={code} personal={personal!} open={t.open && !observer} /> : null}
      {t.open && !observer ? <DenounceForm code={code} charges={t.charges} colleagues={colleagues} denounced={personal?.denounced ?? []} penalty={t.penalty} /> : null}
      {!t.open ? <Alert tone="info">The tribunal is closed. The charges stand on the board.</Alert> : null}
      <section aria-labelledby="feed-heading" className="flex flex-col gap-2">
        <h2 id="feed-heading" className="font-[family-name:var(--font-display)] text-xl font-bold uppercase">
          Charges so far ({t.total})
        </h2>
        <TribunalFeed feed={t.feed} />
      </section>
    </div>
  );
}

function ChargesAgainstMe({ code, personal, open }: { code: string; personal: NonNullable<Personal["tribunal"]>; open: boolean }) {
  const [text, setText] = useState("");
  const { error, busy, run } = useAction();
  const over = text.trim().length > APPEAL_MAX;
  return (
    <section aria-labelledby="against-me" className="flex flex-col gap-2 rounded-lg border-4 border-party bg-party/10 p-3" data-testid="charges-against-me">
      <h2 id="against-me" className="font-[family-name:var(--font-display)] text-xl font-bold uppercase text-party-dark">
        You stand accused
      </h2>
      <p className="text-sm">
        {personal.accusers === 1 ? "One colleague has" : `${personal.accusers} colleagues have`} denounced you. You will never learn who.
      </p>
      <ul className="list-disc pl-5">
        {personal.charges.map((c) => (
          <li key={c.charge}>
            {c.charge}
            {c.count > 1 ? ` ×${c.count}` : ""}
          </li>
        ))}
      </ul>
      {personal.appeal ? (
        <p className="text-sm">
          <strong>Your appeal:</strong> “{personal.appeal}”
        </p>
      ) : open ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await run(`/api/sessions/${code}/appeal`, "POST", { text })) setText("");
          }}
        >
          <label htmlFor="appeal" className="font-bold">
            Your one appeal (shown on the projector under your name)
          </label>
          <textarea id="appeal" rows={3} value={text} onChange={(e) => setText(e.target.value)} className="rounded-md border-2 border-ink bg-white p-2" />
          <p className={`text-right text-sm ${over ? "font-bold text-party" : "text-steel"}`}>
            {text.trim().length} / {APPEAL_MAX}
          </p>
          {error ? <Alert>{error}</Alert> : null}
          <Button type="submit" disabled={busy || over || text.trim().length === 0}>
            Send appeal
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
      setDone(`Your denunciation of ${name} is on record. Nobody will see that it was you.`);
      setAccused("");
      setOther("");
    }
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="denounce-form">
      <h2 className="font-[family-name:var(--font-display)] text-xl font-bold uppercase">Denounce a colleague</h2>
      <p className="text-sm text-steel">
        Anonymous. Each accuser costs the accused {penalty} stars. One charge per colleague.
      </p>
      <label htmlFor="accused" className="font-bold">
        Colleague
      </label>
      <select id="accused" value={accused} onChange={(e) => setAccused(e.target.value)} className="min-h-12 rounded-md border-2 border-ink bg-white px-2" required>
        <option value="">Choose…</option>
        {colleagues.map((c) => (
          <option key={c.id} value={c.id} disabled={denounced.includes(c.id)}>
            {c.displayName}
            {denounced.includes(c.id) ? " (already denounced)" : ""}
          </option>
        ))}
      </select>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-bold">Charge</legend>
        {[...charges, "__other"].map((c) => (
          <label key={c} className="flex min-h-11 items-center gap-3 rounded-md bg-white px-3">
            <input type="radio" name="charge" value={c} checked={charge === c} onChange={() => setCharge(c)} className="h-5 w-5 accent-party" />
            <span>{c === "__other" ? "Another charge…" : c}</span>
          </label>
        ))}
      </fieldset>
      {custom ? (
        <>
          <label htmlFor="other-charge" className="font-bold">
            Your charge
          </label>
          <input
            id="other-charge"
            value={other}
            onChange={(e) => setOther(e.target.value)}
            maxLength={CHARGE_MAX}
            className="min-h-12 rounded-md border-2 border-ink bg-white px-3"
            placeholder="Sabotaged the coffee machine"
          />
        </>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <Button type="submit" variant="danger" size="lg" disabled={busy || !accused || text.trim().length === 0}>
        Denounce
      </Button>
    </form>
  );
}

export function TribunalFeed({ feed }: { feed: NonNullable<RoundPayload["tribunal"]>["feed"] }) {
  if (feed.length === 0) return <p className="text-sm italic text-steel">No charges yet.</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="tribunal-feed">
      {feed.map((f) => (
        <li key={f.participantId} className="rounded-md bg-white px-3 py-2" data-testid="feed-item" data-participant-id={f.participantId}>
          <p className="flex justify-between gap-2">
            <span className="font-bold">{f.displayName}</span>
            <span className="font-mono text-sm">
              {f.accusers} {f.accusers === 1 ? "accuser" : "accusers"} · {f.penalty.toFixed(2)}★
            </span>
          </p>
          <p className="text-sm">{describeCharges(f.charges)}</p>
          {f.appeal ? <p className="mt-1 text-sm italic">Appeal: “{f.appeal}”</p> : null}
        </li>
      ))}
    </ul>
  );
}

// ── The production conference ──────────────────────────────────────────────

const MENU_LABELS: Record<string, string> = {
  "abolish-leaderboard": "Abolish the leaderboard",
  "team-scores": "Switch to team scores",
  "raise-k": "Raise the anonymity threshold",
  "cap-distribution": "Cap the bottom band at 5%",
  "drop-distribution": "Drop the forced distribution",
  "stop-nosedive": "Stop Nosedive weighting",
  "pause-ratings": "Pause ratings for a round",
};

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
  const c = round?.conference;
  const [text, setText] = useState("");
  const { error, busy, run } = useAction();
  if (!c) return <p className="text-steel">Waiting for the production conference…</p>;
  const open = roundOpen && !c.decided && !observer;
  const proposed = new Set(c.proposals.map((p) => p.kind));
  const left = personal?.proposalsLeft ?? 0;
  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="conf-heading" className="flex flex-col gap-2">
        <h2 id="conf-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          Production conference
        </h2>
        <p className="text-sm">
          Change the rules of the rounds that follow. A proposal passes with <strong>{c.needed}</strong> of {c.active} votes
          {c.thresholdPercent === null ? " (a majority of everyone still here)" : ` (${c.thresholdPercent}% of everyone still here)`}. Votes are anonymous; the
          count is shown when the conference closes.
        </p>
        {observer ? <Alert tone="info">Observers watch the conference but do not vote.</Alert> : null}
      </section>
      {open ? (
        <section aria-labelledby="propose-heading" className="flex flex-col gap-2" data-testid="propose">
          <h3 id="propose-heading" className="font-bold uppercase">
            Propose {left < 3 ? <span className="font-normal normal-case text-steel">({left} left)</span> : null}
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
                  + {MENU_LABELS[k]}
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
                Your own proposal (the facilitator decides)
              </label>
              <input
                id="free-proposal"
                value={text}
                maxLength={PROPOSAL_MAX}
                onChange={(e) => setText(e.target.value)}
                className="min-h-12 rounded-md border-2 border-ink bg-white px-3"
                placeholder="Rate teams on what they built together"
              />
              <Button type="submit" disabled={busy || text.trim().length < 3 || left === 0}>
                Propose
              </Button>
            </form>
          ) : null}
          {error ? <Alert>{error}</Alert> : null}
        </section>
      ) : null}
      <section aria-labelledby="proposals-heading" className="flex flex-col gap-2">
        <h3 id="proposals-heading" className="font-bold uppercase">
          Proposals ({c.proposals.length})
        </h3>
        {c.proposals.length === 0 ? <p className="text-sm italic text-steel">No proposals yet.</p> : null}
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
  return (
    <li className="flex flex-col gap-2 rounded-lg border-2 border-ink/20 bg-white p-3" data-testid="proposal" data-kind={p.kind} data-status={p.status}>
      <p className={p.hidden ? "italic text-steel" : "font-bold"}>{p.text}</p>
      <p className="text-sm text-steel">
        {p.status === "open"
          ? `${p.ballots} ${p.ballots === 1 ? "vote" : "votes"} cast · ${p.kind === "free-text" ? "your votes advise; the facilitator decides" : `passes with ${needed} for`}`
          : `${p.status === "passed" ? (p.kind === "free-text" ? "✔ Accepted by the facilitator" : "✔ Passed") : p.kind === "free-text" ? "✖ Not accepted" : "✖ Failed"} · ${describeSplit({ yes: p.for, no: p.against }, "for", "against", ", ")}`}
        {p.kind === "free-text" && p.accepted !== null && p.status === "open" ? ` · facilitator: ${p.accepted ? "accepted" : "rejected"}` : ""}
      </p>
      {canVote && !p.hidden ? (
        <VoteChoice
          label={`Your vote on: ${p.text}`}
          url={`/api/sessions/${code}/proposals/${p.id}/vote`}
          current={vote}
          options={[
            { value: "for", text: "For", idle: "border-ink bg-paper", pressed: "border-ink bg-ink text-paper" },
            { value: "against", text: "Against", idle: "border-ink bg-paper", pressed: "border-ink bg-steel text-white" },
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
