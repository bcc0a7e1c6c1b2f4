"use client";

import { useState } from "react";
import { Countdown } from "@/components/live/countdown";
import type { BoardPayload, MePayload, PublicSession } from "@/components/live/types";
import { phaseLabel } from "@/components/live/phase-label";
import { useLive } from "@/components/live/use-live";
import { Alert } from "@/components/ui/alert";
import { JoinScreen, type JoinedParticipant } from "./join-screen";
import { MyScore } from "./my-score";
import { PhoneBoard } from "./phone-board";
import { RatePanel } from "./rate-panel";
import { ReflectionForm } from "./reflection-form";

type Tab = "rate" | "score" | "board" | "reflect";

export function ParticipantApp({
  code,
  initialSession,
  initialParticipant,
}: {
  code: string;
  initialSession: PublicSession;
  initialParticipant: JoinedParticipant | null;
}) {
  const [joined, setJoined] = useState<JoinedParticipant | null>(initialParticipant?.status === "active" ? initialParticipant : null);
  const initiallyRemoved = initialParticipant && initialParticipant.status !== "active" ? initialParticipant.status : null;
  // The stream is re-opened after joining so the server knows who is listening.
  const live = useLive<{ phase: PublicSession; leaderboard: BoardPayload; me: MePayload; removed: { participantId: string; status: "kicked" | "banned" } }>(
    `/api/sessions/${code}/events${joined ? `?as=${joined.id}` : ""}`,
  );
  // Removed by the facilitator while on this screen: back to the join screen, with a note.
  const removedNow = live.removed && joined && live.removed.participantId === joined.id ? live.removed.status : null;
  const participant = removedNow ? null : joined;
  const removed = removedNow ?? (joined ? null : initiallyRemoved);
  const session = live.phase ?? initialSession;
  const [tab, setTab] = useState<Tab>("rate");

  if (!participant) {
    return (
      <JoinScreen
        code={code}
        session={session}
        removed={removed}
        onJoined={setJoined}
      />
    );
  }

  const me = live.me && live.me.participant.id === participant.id ? live.me : null;
  const tabs: { id: Tab; label: string }[] = [
    { id: "rate", label: "Rate" },
    { id: "score", label: "My score" },
    { id: "board", label: "Board" },
    ...(session.reflectionOpen ? [{ id: "reflect" as const, label: "Reflect" }] : []),
  ];
  const activeTab = tab === "reflect" && !session.reflectionOpen ? "rate" : tab;

  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col">
      <header className="sticky top-0 z-10 border-b-4 border-ink bg-paper px-4 pb-2 pt-3">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="truncate text-xs font-semibold uppercase tracking-[0.15em] text-steel">
              {session.title} · {code}
            </p>
            <p className="truncate font-[family-name:var(--font-display)] text-xl font-bold uppercase" data-testid="phase-label">
              {phaseLabel(session)}
            </p>
          </div>
          <div className="flex flex-col items-end text-right">
            <Countdown
              remainingMs={session.round.remainingMs}
              endsAt={session.round.endsAt}
              receivedAt={live.phase?.receivedAt}
              paused={session.paused}
              className="text-xl font-bold"
            />
            <span className="text-xs text-steel" aria-live="polite">
              {live.status === "live" ? (
                <>
                  <span aria-hidden="true" className="text-green-700">●</span> live
                </>
              ) : live.status === "reconnecting" ? (
                "reconnecting…"
              ) : (
                "connecting…"
              )}
            </span>
          </div>
        </div>
        <p className="mt-1 text-sm">
          You are <strong data-testid="my-name">{participant.displayName}</strong>
        </p>
        <nav aria-label="Sections" className={`mt-2 grid gap-1 ${tabs.length === 4 ? "grid-cols-4" : "grid-cols-3"}`} role="tablist">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={activeTab === t.id}
              aria-controls={`panel-${t.id}`}
              id={`tab-${t.id}`}
              onClick={() => setTab(t.id)}
              className={`min-h-11 rounded-md text-sm font-bold uppercase tracking-wide ${activeTab === t.id ? "bg-ink text-paper" : t.id === "reflect" ? "bg-gold text-ink" : "bg-paper-dark text-ink"}`}
            >
              {t.label}
            </button>
          ))}
        </nav>
      </header>

      <main id="main" className="flex-1 px-4 py-4">
        {session.phase === "ended" ? (
          <div className="mb-4">
            <Alert tone="info">The session has ended. Thank you for taking part; your final result is under “My score”.</Alert>
          </div>
        ) : null}
        {session.reflectionOpen && activeTab !== "reflect" ? (
          <button type="button" onClick={() => setTab("reflect")} className="mb-4 w-full rounded-lg border-2 border-ink bg-gold px-4 py-3 text-left font-bold">
            The reflection is open: how did being rated feel? →
          </button>
        ) : null}
        <div role="tabpanel" id="panel-rate" aria-labelledby="tab-rate" hidden={activeTab !== "rate"}>
          <RatePanel
            code={code}
            session={session}
            me={participant}
            quota={me?.quota ?? null}
            rules={me?.rules ?? session.round.rules}
            ratedCount={me?.ratedCount ?? 0}
          />
        </div>
        <div role="tabpanel" id="panel-score" aria-labelledby="tab-score" hidden={activeTab !== "score"}>
          <MyScore code={code} me={me} />
        </div>
        <div role="tabpanel" id="panel-board" aria-labelledby="tab-board" hidden={activeTab !== "board"}>
          <PhoneBoard board={live.leaderboard ?? null} selfId={participant.id} />
        </div>
        {session.reflectionOpen ? (
          <div role="tabpanel" id="panel-reflect" aria-labelledby="tab-reflect" hidden={activeTab !== "reflect"}>
            <ReflectionForm code={code} />
          </div>
        ) : null}
      </main>
    </div>
  );
}
