import { redirect } from "next/navigation";
import { JoinCodeForm } from "@/components/join/join-code-form";
import { normalizeJoinCode } from "@/lib/domain/join-code";
import { SiteHeader } from "@/components/site/header";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Localized } from "@/components/i18n/localized";

export const dynamic = "force-dynamic";

const steps = [
  {
    title: "Rate",
    text: "Everyone joins from their phone and rates colleagues, anonymously, on “potential”, “talent”, “passion & commitment” and four more qualities nobody can define.",
  },
  {
    title: "Rank",
    text: "A live leaderboard on the projector ranks everyone against everyone. Forced distribution, Nosedive weighting and Reduction-in-Force rounds raise the stakes.",
  },
  {
    title: "Reflect",
    text: "The debrief shows what the group’s own data reveals: inequality, retaliation, cliques, halo effects, and how much the ranking depends on the rules.",
  },
];

export default async function LandingPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  // The join form works before the page's script has loaded too (a slow phone): it submits ?code=….
  const { code } = await searchParams;
  const joinCode = typeof code === "string" ? normalizeJoinCode(code) : null;
  if (joinCode) redirect(`/s/${joinCode}`);
  return (
    <Localized namespaces={["site"]}>
      <>
        <SiteHeader />
        <main id="main">
          <section className="border-b-4 border-ink bg-party text-white">
            <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 md:grid-cols-[1.3fr_1fr] md:py-16">
              <div className="flex flex-col gap-5">
                <p className="text-sm font-semibold uppercase tracking-[0.25em] text-gold-light">A workshop on performance appraisal</p>
                <h1 className="font-[family-name:var(--font-display)] text-4xl leading-[1.05] font-bold uppercase sm:text-6xl">
                  Everyone rates everyone. Live.
                </h1>
                <p className="max-w-prose text-lg text-white/90">
                  In 1935 Alexei Stakhanov mined 102 tonnes of coal against a norm of 7, and a whole economy learned to chase records.
                  Today’s 360° reviews, stack rankings and star ratings carry the same logic. Stakhanov lets a room feel it for
                  forty-five minutes, then talk about it.
                </p>
              </div>
              <Card className="self-start text-ink">
                <h2 className="mb-1 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">Join a session</h2>
                <p className="mb-4 text-sm text-steel">Type the code on the projector. No account needed.</p>
                <JoinCodeForm />
              </Card>
            </div>
          </section>

          <section className="mx-auto max-w-6xl px-4 py-12" aria-labelledby="how-heading">
            <h2 id="how-heading" className="mb-6 font-[family-name:var(--font-display)] text-3xl font-bold uppercase">
              How a session works
            </h2>
            <ol className="grid gap-6 md:grid-cols-3">
              {steps.map((step, i) => (
                <li key={step.title} className="border-t-4 border-ink pt-4">
                  <p className="font-[family-name:var(--font-display)] text-5xl font-bold text-party" aria-hidden="true">
                    {i + 1}
                  </p>
                  <h3 className="text-xl font-bold uppercase">{step.title}</h3>
                  <p className="mt-2 text-steel">{step.text}</p>
                </li>
              ))}
            </ol>
          </section>

          <section className="border-t-4 border-ink bg-ink text-paper">
            <div className="mx-auto flex max-w-6xl flex-col items-start gap-4 px-4 py-10 md:flex-row md:items-center md:justify-between">
              <div>
                <h2 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">Running a workshop?</h2>
                <p className="text-paper/80">Lecturers, trainers and HR teams: create a free facilitator account on this server.</p>
              </div>
              <div className="flex flex-wrap gap-3">
                <LinkButton href="/signup" size="lg">
                  Create facilitator account
                </LinkButton>
                <LinkButton href="/signin" size="lg" variant="secondary" className="border-paper text-paper hover:bg-paper hover:text-ink">
                  Sign in
                </LinkButton>
              </div>
            </div>
          </section>
        </main>
      </>
    </Localized>
  );
}
