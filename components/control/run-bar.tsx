"use client";

// The control room's run mode (issue 15): one primary button that always names the next step, the
// room's response counters, warnings before a trap, and keyboard shortcuts for the main steps.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { BoardPayload, ControlPayload, PublicSession, RoundPayload } from "@/components/live/types";
import { api } from "@/components/participant/api";
import { Button } from "@/components/ui/button";
import { kTooHigh, nextStep, type NextStep } from "@/lib/domain/next-step";
import { useErrorText } from "@/components/i18n/use-error-text";

interface AgendaState {
  agenda: { title?: string | null }[];
}

/** Shortcuts are ignored while typing in a field or with a modifier held. */
function typing(event: KeyboardEvent): boolean {
  const t = event.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
}

export function RunBar({
  code,
  session,
  control,
  board,
  round,
  duration,
  pending,
  act,
  onError,
}: {
  code: string;
  session: PublicSession;
  control: ControlPayload;
  board: BoardPayload;
  round: RoundPayload | null;
  duration: number;
  pending: string | null;
  act: (action: string, body?: Record<string, unknown>) => Promise<void>;
  onError: (message: string | null) => void;
}) {
  const router = useRouter();
  const t = useTranslations("facilitator.run");
  const errorText = useErrorText();
  const [agenda, setAgenda] = useState<(string | null)[] | null>(null);
  // The agenda's titles, re-read when the round or phase changes or the control room is updated (an edited agenda).
  const controlVersion = control.version;
  useEffect(() => {
    let cancelled = false;
    void api<AgendaState>(`/api/sessions/${code}/agenda?r=${session.round.number}&p=${session.phase}&v=${controlVersion}`).then((r) => {
      if (!cancelled && r.ok) setAgenda(r.data.agenda.map((a) => a.title ?? null));
    });
    return () => {
      cancelled = true;
    };
  }, [code, session.round.number, session.phase, controlVersion]);

  const step = nextStep({ phase: session.phase, round: session.round.number, agenda: agenda ?? [], reflectionOpen: session.reflectionOpen });
  const open = session.phase === "round_open";
  const people = control.active;
  const k = board.rules.k ?? session.k;
  const current = round && round.round === session.round.number ? round : null;
  /** The step's name in the reader's language (lib/domain/next-step.ts names it in English). */
  const stepLabel = (s: NextStep): string => {
    switch (s.kind) {
      case "close-round":
        return t("step.closeRound", { round: s.round });
      case "open-round":
        // Beyond the agenda: a plain round ("Start round 1").
        return s.round > (agenda?.length ?? 0) ? t("step.startRound", { round: s.round }) : t("step.openRound", { round: s.round, title: s.title ?? "none" });
      case "open-reflection":
        return t("step.openReflection");
      default:
        return t("step.openDebrief");
    }
  };

  async function run() {
    onError(null);
    if (step.kind === "close-round") return act("close-round");
    if (step.kind === "open-round") return act("open-round", duration >= 0 ? { durationSeconds: duration } : {});
    if (step.kind === "open-reflection") {
      const r = await api(`/api/sessions/${code}/reflection`, { method: "POST", body: { open: true } });
      if (!r.ok) onError(errorText(r));
      return;
    }
    router.push(`/sessions/${code}/debrief`);
  }

  // Re-registered with every render, so the keys always run the step on screen.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event) || pending !== null) return;
      if (event.key === "n" || event.key === "N") {
        event.preventDefault();
        void run();
      } else if ((event.key === "p" || event.key === "P") && open) {
        event.preventDefault();
        void act(session.paused ? "resume" : "pause");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  // Room-level response counters: never per person (issue 11's release clock holds rating counts).
  const counters: { label: string; value: string; id: string }[] = [
    { label: t("counters.people"), value: String(people), id: "counter-people" },
    { label: t("counters.connected"), value: String(control.connected), id: "counter-connected" },
  ];
  if (session.reflectionOpen) counters.push({ label: t("counters.reflections"), value: t("ofPeople", { done: session.reflectionAnswers, total: people }), id: "counter-reflections" });
  if (current?.rif) {
    const written = current.rif.cases.filter((c) => c.statementStatus === "written").length;
    counters.push({ label: t("counters.statements"), value: t("ofPeople", { done: written, total: current.rif.cases.length }), id: "counter-statements" });
    if (current.rif.ballots !== undefined) counters.push({ label: t("counters.ballots"), value: `${current.rif.ballots}`, id: "counter-votes" });
  } else if (session.round.kind === "rating" || session.round.kind === "tribunal") {
    counters.push({ label: t("counters.ratings"), value: String(control.totalRatings), id: "counter-ratings" });
  }

  return (
    <section aria-labelledby="run-heading" className="flex flex-col gap-3 rounded-lg border-4 border-ink bg-white p-4" data-testid="run-bar">
      <h2 id="run-heading" className="sr-only">
        {t("nextStep")}
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          size="lg"
          disabled={pending !== null || (step.kind === "open-round" && agenda === null && session.round.number > 0)}
          onClick={() => void run()}
          aria-keyshortcuts="N"
          data-testid="next-step"
          className="max-w-full"
        >
          <span className="truncate">{stepLabel(step)}</span>
        </Button>
        {!open && session.phase !== "ended" && step.kind !== "open-round" ? (
          <Button variant="secondary" disabled={pending !== null} onClick={() => void act("open-round", duration >= 0 ? { durationSeconds: duration } : {})}>
            {t("another", { round: session.round.number + 1 })}
          </Button>
        ) : null}
        <span className="text-xs text-steel">
          {t("key")} <kbd className="rounded border border-ink/40 px-1 font-mono">N</kbd>
          {open ? (
            <>
              {" "}· <kbd className="rounded border border-ink/40 px-1 font-mono">P</kbd> {t("pauseKey", { paused: session.paused ? "yes" : "no" })}
            </>
          ) : null}
        </span>
        <dl className="ml-auto flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label={t("roomNow")}>
          {counters.map((c) => (
            <div key={c.id} className="flex items-baseline gap-1.5">
              <dt className="text-steel">{c.label}</dt>
              <dd className="font-mono text-lg font-bold tabular-nums" data-testid={c.id}>
                {c.value}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      {kTooHigh(k, people) && session.phase !== "ended" ? (
        <p role="alert" className="rounded-md border-2 border-party bg-party/10 px-3 py-2 text-sm font-semibold text-party" data-testid="k-warning">
          {t("kWarning", { k, people, colleagues: Math.max(0, people - 1) })}
        </p>
      ) : null}
    </section>
  );
}
