// The debrief of the essay's three scenes, when the session ran them: the
// tribunal, the Reduction in Force and the production conference.
import type { Debrief } from "@/lib/debrief/build";
import { plural } from "./format";
import { DebriefSection, Note, Stat } from "./section";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

/** Every scene's section; `only` (a section id such as "tribunal-3") renders just that one, for the presenter. */
export function ScenesSections({ debrief, only }: { debrief: Debrief; only?: string }) {
  const pick = <T extends { round: number }>(list: T[], prefix: string) => (only ? list.filter((x) => `${prefix}-${x.round}` === only) : list);
  const { amendments } = debrief.scenes;
  const tribunals = pick(debrief.scenes.tribunals, "tribunal");
  const rifs = pick(debrief.scenes.rifs, "rif");
  const conferences = pick(debrief.scenes.conferences, "conference");
  return (
    <>
      {tribunals.map((t) => (
        <DebriefSection
          key={`tribunal-${t.round}`}
          id={`tribunal-${t.round}`}
          title={`The tribunal · round ${t.round}`}
          what="Who the room denounced, with which charges, and how the blame was shared out: accusers are only ever counted."
          stats={
            <>
              <Stat name="tribunal" value={String(t.charges)} label={`${t.charges === 1 ? "charge" : "charges"} by ${t.accusers} ${t.accusers === 1 ? "accuser" : "accusers"} against ${t.accused} ${t.accused === 1 ? "person" : "people"}`} />
              <Stat name="tribunal" value={pct(t.topShare)} label="of all charges on the single most accused person" />
            </>
          }
          reading={
            t.charges === 0
              ? "Nobody denounced anybody. Ask the room why not: fear, solidarity, or a rule nobody took seriously?"
              : `${plural(t.accusers, "person", "people")} made ${plural(t.charges, "charge")}; ${t.people[0]?.who ?? "?"} drew the most (${plural(t.people[0]?.accusers ?? 0, "accuser")}, ${t.people[0]?.penalty ?? 0}★). ${t.appeals} appealed. The most used charge: “${t.byCharge[0]?.charge ?? ""}”.`
          }
        >
          <div className="grid items-start gap-4 md:grid-cols-2" data-testid="debrief-tribunal">
            <table className="w-full border-collapse text-left text-lg print:text-[9pt]">
              <caption className="mb-1 text-left font-semibold">Accused</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2">Person</th>
                  <th scope="col" className="p-2">Accusers</th>
                  <th scope="col" className="p-2">Penalty</th>
                </tr>
              </thead>
              <tbody>
                {t.people.map((p) => (
                  <tr key={p.who} className="border-b border-ink/15">
                    <th scope="row" className="p-2 font-mono">{p.who}</th>
                    <td className="p-2">{p.accusers}</td>
                    <td className="p-2 font-mono">{p.penalty ?? "—"}★</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="w-full border-collapse text-left text-lg print:text-[9pt]">
              <caption className="mb-1 text-left font-semibold">Charges</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2">Charge</th>
                  <th scope="col" className="p-2">Times</th>
                </tr>
              </thead>
              <tbody>
                {t.byCharge.map((c) => (
                  <tr key={c.charge} className="border-b border-ink/15">
                    <th scope="row" className="p-2 font-normal">{c.charge}</th>
                    <td className="p-2">{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Note>
            Penalty: −{t.penalty}★ per distinct accuser, at most −{t.cap}★{t.reward ? `; accusers gained ${t.reward}★ per charge when the round closed` : "; no reward for accusers"}.
          </Note>
        </DebriefSection>
      ))}
      {rifs.map((r) => (
        <DebriefSection
          key={`rif-${r.round}`}
          id={`rif-${r.round}`}
          title={`Reduction in Force · round ${r.round}`}
          what="Who was put at risk by the ranking, what they said for themselves, and what the room decided about them."
          stats={
            <>
              <Stat name="rif" value={`${r.letGo}/${r.atRisk}`} label="let go of those at risk" />
              <Stat name="rif" value={pct(r.keepShareWithStatement)} label={`"keep" votes for those who wrote a statement (${pct(r.keepShareWithout)} for those who did not)`} />
            </>
          }
          reading={
            !r.revealed
              ? `${r.atRisk} people were at risk; the facilitator did not reveal a verdict.`
              : `${r.atRisk} people were at risk, ${r.statements} wrote a statement; ${r.ballots} votes were cast and ${r.letGo} ${r.letGo === 1 ? "person was" : "people were"} let go. Did the words matter, or only the rank?`
          }
        >
          <table className="w-full border-collapse text-left text-lg print:text-[9pt]" data-testid="debrief-rif">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2">Person</th>
                <th scope="col" className="p-2">Rank</th>
                <th scope="col" className="p-2">Statement</th>
                <th scope="col" className="p-2">Keep / let go</th>
                <th scope="col" className="p-2">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {r.cases.map((c) => (
                <tr key={c.who} className="border-b border-ink/15 align-top">
                  <th scope="row" className="p-2 font-mono">{c.who}</th>
                  <td className="p-2">{c.rank ?? "–"}</td>
                  <td className="p-2">{c.hidden ? <em>hidden by the facilitator</em> : c.statement ? `“${c.statement}”` : <em>no statement</em>}</td>
                  <td className="p-2 font-mono">
                    {c.keep ?? "–"} / {c.letGo ?? "–"}
                  </td>
                  <td className="p-2 font-semibold">{c.outcome === "let_go" ? "✖ let go" : c.outcome === "kept" ? "✔ kept" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DebriefSection>
      ))}
      {conferences.map((c) => (
        <DebriefSection
          key={`conference-${c.round}`}
          id={`conference-${c.round}`}
          title={`Production conference · round ${c.round}`}
          what="What the group chose when it governed the rules itself."
          stats={<Stat name="conference" value={`${c.passed}/${c.proposals.length}`} label="proposals passed" />}
          reading={
            c.proposals.length === 0
              ? "Nobody proposed anything. The rules stayed as management wrote them."
              : c.passed === 0
                ? "Nothing passed: the room kept management's rules."
                : `The room changed: ${c.proposals.filter((p) => p.status === "passed").map((p) => p.text.toLowerCase()).join("; ")}.`
          }
        >
          <table className="w-full border-collapse text-left text-lg print:text-[9pt]" data-testid="debrief-conference">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2">Proposal</th>
                <th scope="col" className="p-2">For</th>
                <th scope="col" className="p-2">Against</th>
                <th scope="col" className="p-2">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {c.proposals.map((p, i) => (
                <tr key={i} className="border-b border-ink/15">
                  <th scope="row" className="p-2 font-normal">{p.text}</th>
                  <td className="p-2 font-mono">{p.for ?? "–"}</td>
                  <td className="p-2 font-mono">{p.against ?? "–"}</td>
                  <td className="p-2 font-semibold">{p.status === "passed" ? "✔ passed" : p.status === "failed" ? "✖ failed" : "open"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {amendments.length ? <Note>In force at the end: {amendments.map((a) => a.text).join("; ")}.</Note> : null}
        </DebriefSection>
      ))}
    </>
  );
}
