import type { Metadata } from "next";
import { CreateSessionForm } from "@/components/sessions/create-session-form";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireFacilitatorPage } from "@/lib/auth/facilitator";
import { listSessionsForFacilitator } from "@/lib/db/sessions";
import type { SessionState } from "@/lib/domain/phases";
import { Localized } from "@/components/i18n/localized";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function phaseInWords(state: SessionState): string {
  switch (state.phase) {
    case "lobby":
      return state.joiningOpen ? "Lobby, joining open" : "Lobby";
    case "round_open":
      return state.paused ? `Round ${state.round} paused` : `Round ${state.round} running`;
    case "round_closed":
      return `Round ${state.round} closed`;
    case "ended":
      return "Ended";
    default:
      return state.phase;
  }
}

export default async function DashboardPage() {
  const facilitator = await requireFacilitatorPage("/dashboard");
  const sessions = await listSessionsForFacilitator(facilitator.id);
  return (
    <Localized namespaces={["site", "facilitator"]}>
      <div className="flex flex-col gap-8">
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">Facilitator area</p>
            <h1 className="font-[family-name:var(--font-display)] text-4xl font-bold uppercase">Welcome, {facilitator.name}</h1>
            <p className="text-steel">Signed in as {facilitator.email}</p>
          </div>
          <LinkButton href="/settings" variant="secondary">
            API tokens
          </LinkButton>
        </header>

        <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Card>
            <section aria-labelledby="new-session-heading">
              <h2 id="new-session-heading" className="mb-4 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
                New session
              </h2>
              <CreateSessionForm />
            </section>
          </Card>

          <section aria-labelledby="sessions-heading" className="flex flex-col gap-4">
            <h2 id="sessions-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
              Your sessions
            </h2>
            {sessions.length === 0 ? (
              <p className="rounded-md border-2 border-dashed border-ink/30 p-6 text-steel" data-testid="sessions-empty">
                No sessions yet. Create one with the form: you get a join code for the room and a control room to run it from.
              </p>
            ) : (
              <ul className="flex flex-col gap-4" data-testid="session-list">
                {sessions.map((s) => (
                  <li key={s.id} className="rounded-lg border-2 border-ink bg-white p-4" data-testid="session-item" data-code={s.code}>
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 className="min-w-0 text-lg font-bold break-words">{s.title}</h3>
                      <p className="font-mono text-lg font-bold tracking-[0.15em] text-party">
                        <span className="sr-only">Join code </span>
                        {s.code}
                      </p>
                    </div>
                    <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                      <div>
                        <dt className="text-steel">Status</dt>
                        <dd className="font-semibold">{phaseInWords(s.state)}</dd>
                      </div>
                      <div>
                        <dt className="text-steel">Rounds</dt>
                        <dd className="font-semibold">{s.state.round === 0 ? "None yet" : s.state.round}</dd>
                      </div>
                      <div>
                        <dt className="text-steel">Participants</dt>
                        <dd className="font-semibold">{s.participantCount}</dd>
                      </div>
                      <div>
                        <dt className="text-steel">Created</dt>
                        <dd className="font-semibold">
                          <time dateTime={s.createdAt.toISOString()}>{dateFormat.format(s.createdAt)}</time>
                        </dd>
                      </div>
                    </dl>
                    <div className="mt-3 flex flex-wrap gap-2">
                      <LinkButton href={`/sessions/${s.code}`}>
                        Open control room<span className="sr-only"> for {s.title}</span>
                      </LinkButton>
                      <LinkButton href={`/s/${s.code}/screen`} target="_blank" rel="noopener" variant="secondary">
                        Projector<span className="sr-only"> for {s.title} (opens in a new tab)</span>
                        <span aria-hidden="true">↗</span>
                      </LinkButton>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </Localized>
  );
}
