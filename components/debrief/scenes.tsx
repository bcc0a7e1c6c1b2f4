// The debrief of the essay's three scenes, when the session ran them: the
// tribunal, the Reduction in Force and the production conference.
import { useLocale, useTranslations } from "next-intl";
import type { Debrief } from "@/lib/debrief/build";
import { numbers } from "./format";
import { DebriefSection, Note, Stat } from "./section";

/** Every scene's section; `only` (a section id such as "tribunal-3") renders just that one, for the presenter. */
export function ScenesSections({ debrief, only }: { debrief: Debrief; only?: string }) {
  const pick = <T extends { round: number }>(list: T[], prefix: string) => (only ? list.filter((x) => `${prefix}-${x.round}` === only) : list);
  const { amendments } = debrief.scenes;
  const tribunals = pick(debrief.scenes.tribunals, "tribunal");
  const rifs = pick(debrief.scenes.rifs, "rif");
  const conferences = pick(debrief.scenes.conferences, "conference");
  const t = useTranslations("debrief.scenes");
  const titles = useTranslations("debrief.presenter");
  const { pct } = numbers(useLocale());
  return (
    <>
      {tribunals.map((x) => (
        <DebriefSection
          key={`tribunal-${x.round}`}
          id={`tribunal-${x.round}`}
          title={titles("tribunal", { round: x.round })}
          what={t("tribunal.what")}
          stats={
            <>
              <Stat name="tribunal" value={String(x.charges)} label={t("tribunal.chargesLabel", { charges: x.charges, accusers: x.accusers, accused: x.accused })} />
              <Stat name="tribunal" value={pct(x.topShare)} label={t("tribunal.topLabel")} />
            </>
          }
          reading={
            x.charges === 0
              ? t("tribunal.none")
              : t("tribunal.reading", {
                  accusers: x.accusers,
                  charges: x.charges,
                  who: x.people[0]?.who ?? "?",
                  top: x.people[0]?.accusers ?? 0,
                  penalty: x.people[0]?.penalty ?? 0,
                  appeals: x.appeals,
                  charge: x.byCharge[0]?.charge ?? "",
                })
          }
        >
          <div className="grid items-start gap-4 md:grid-cols-2" data-testid="debrief-tribunal">
            <table className="w-full border-collapse text-left text-lg print:text-[9pt]">
              <caption className="mb-1 text-left font-semibold">{t("tribunal.accused")}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2">{t("tribunal.person")}</th>
                  <th scope="col" className="p-2">{t("tribunal.accusers")}</th>
                  <th scope="col" className="p-2">{t("tribunal.penalty")}</th>
                </tr>
              </thead>
              <tbody>
                {x.people.map((p) => (
                  <tr key={p.who} className="border-b border-ink/15">
                    <th scope="row" className="p-2 font-mono">{p.who}</th>
                    <td className="p-2">{p.accusers}</td>
                    <td className="p-2 font-mono">{p.penalty ?? "—"}★</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="w-full border-collapse text-left text-lg print:text-[9pt]">
              <caption className="mb-1 text-left font-semibold">{t("tribunal.charges")}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2">{t("tribunal.charge")}</th>
                  <th scope="col" className="p-2">{t("tribunal.times")}</th>
                </tr>
              </thead>
              <tbody>
                {x.byCharge.map((c) => (
                  <tr key={c.charge} className="border-b border-ink/15">
                    <th scope="row" className="p-2 font-normal">{c.charge}</th>
                    <td className="p-2">{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Note>
            {t("tribunal.note", { penalty: x.penalty ?? "—", cap: x.cap ?? "—", reward: x.reward ? String(x.reward) : "none" })}
          </Note>
        </DebriefSection>
      ))}
      {rifs.map((r) => (
        <DebriefSection
          key={`rif-${r.round}`}
          id={`rif-${r.round}`}
          title={titles("rif", { round: r.round })}
          what={t("rif.what")}
          stats={
            <>
              <Stat name="rif" value={`${r.letGo}/${r.atRisk}`} label={t("rif.letGoLabel")} />
              <Stat name="rif" value={pct(r.keepShareWithStatement)} label={t("rif.keepLabel", { without: pct(r.keepShareWithout) })} />
            </>
          }
          reading={
            !r.revealed
              ? t("rif.noVerdict", { atRisk: r.atRisk })
              : t("rif.reading", { atRisk: r.atRisk, statements: r.statements, ballots: r.ballots, letGo: r.letGo })
          }
        >
          <table className="w-full border-collapse text-left text-lg print:text-[9pt]" data-testid="debrief-rif">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2">{t("tribunal.person")}</th>
                <th scope="col" className="p-2">{t("rif.rank")}</th>
                <th scope="col" className="p-2">{t("rif.statement")}</th>
                <th scope="col" className="p-2">{t("rif.keepLetGo")}</th>
                <th scope="col" className="p-2">{t("rif.verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {r.cases.map((c) => (
                <tr key={c.who} className="border-b border-ink/15 align-top">
                  <th scope="row" className="p-2 font-mono">{c.who}</th>
                  <td className="p-2">{c.rank ?? "–"}</td>
                  <td className="p-2">{c.hidden ? <em>{t("rif.hidden")}</em> : c.statement ? t("rif.quoted", { text: c.statement }) : <em>{t("rif.noStatement")}</em>}</td>
                  <td className="p-2 font-mono">
                    {c.keep ?? "–"} / {c.letGo ?? "–"}
                  </td>
                  <td className="p-2 font-semibold">{c.outcome === "let_go" ? t("rif.letGo") : c.outcome === "kept" ? t("rif.kept") : "—"}</td>
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
          title={titles("conference", { round: c.round })}
          what={t("conference.what")}
          stats={<Stat name="conference" value={`${c.passed}/${c.proposals.length}`} label={t("conference.passedLabel")} />}
          reading={
            c.proposals.length === 0
              ? t("conference.none")
              : c.passed === 0
                ? t("conference.nothing")
                : t("conference.changed", { changes: c.proposals.filter((p) => p.status === "passed").map((p) => p.text.toLocaleLowerCase()).join("; ") })
          }
        >
          <table className="w-full border-collapse text-left text-lg print:text-[9pt]" data-testid="debrief-conference">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2">{t("conference.proposal")}</th>
                <th scope="col" className="p-2">{t("conference.for")}</th>
                <th scope="col" className="p-2">{t("conference.against")}</th>
                <th scope="col" className="p-2">{t("conference.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {c.proposals.map((p, i) => (
                <tr key={i} className="border-b border-ink/15">
                  <th scope="row" className="p-2 font-normal">{p.text}</th>
                  <td className="p-2 font-mono">{p.for ?? "–"}</td>
                  <td className="p-2 font-mono">{p.against ?? "–"}</td>
                  <td className="p-2 font-semibold">{p.status === "passed" ? t("conference.passed") : p.status === "failed" ? t("conference.failed") : t("conference.open")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {amendments.length ? <Note>{t("conference.inForce", { list: amendments.map((a) => a.text).join("; ") })}</Note> : null}
        </DebriefSection>
      ))}
    </>
  );
}
