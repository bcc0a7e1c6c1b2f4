"use client";

import { useRoomLanguage } from "@/components/i18n/use-room-language";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LanguagePicker } from "@/components/i18n/language-picker";
import { Countdown } from "@/components/live/countdown";
import type { BoardPayload, MePayload, PublicSession, RosterPayload, RoundPayload } from "@/components/live/types";
import { AmendmentsBanner } from "@/components/rounds/amendments-banner";
import { usePhaseLabel } from "@/components/live/phase-label";
import { useLive } from "@/components/live/use-live";
import { Alert } from "@/components/ui/alert";
import { JoinScreen, type JoinedParticipant } from "./join-screen";
import { MyScore } from "./my-score";
import { PhoneBoard } from "./phone-board";
import { RatePanel } from "./rate-panel";
import { useOnline } from "./use-online";
import { ReflectionForm } from "./reflection-form";
import { ConferencePanel, RifPanel, TribunalPanel } from "./round-panels";

type Tab = "rate" | "round" | "score" | "board" | "reflect";

export function ParticipantApp({
  code,
  initialSession,
  initialParticipant,
}: {
  code: string;
  initialSession: PublicSession;
  initialParticipant: JoinedParticipant | null;
}) {
  const t = useTranslations("participant.app");
  const phaseLabel = usePhaseLabel();
  const stillIn = initialParticipant?.status === "active" || initialParticipant?.status === "observer";
  const [joined, setJoined] = useState<JoinedParticipant | null>(stillIn ? initialParticipant : null);
  const initiallyRemoved = initialParticipant?.status === "kicked" || initialParticipant?.status === "banned" ? initialParticipant.status : null;
  // The stream is re-opened after joining so the server knows who is listening.
  const live = useLive<{
    phase: PublicSession;
    leaderboard: BoardPayload;
    me: MePayload;
    round: RoundPayload;
    roster: RosterPayload;
    removed: { participantId: string; status: "kicked" | "banned" };
  }>(
    `/api/sessions/${code}/events${joined ? `?as=${joined.id}` : ""}`,
  );
  // Removed by the facilitator while on this screen: back to the join screen, with a note.
  const removedNow = live.removed && joined && live.removed.participantId === joined.id ? live.removed.status : null;
  const participant = removedNow ? null : joined;
  const removed = removedNow ?? (joined ? null : initiallyRemoved);
  const session = live.phase ?? initialSession;
  // The facilitator changed the room's language: this page again, in it (unless this phone chose its own).
  useRoomLanguage(session.language);
  const [tab, setTab] = useState<Tab>("rate");
  const online = useOnline();
  const [waiting, setWaiting] = useState(0);

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
  const observer = (me?.status ?? participant.status) === "observer";
  // A rename by the facilitator reaches this phone with the roster (or the next `me`).
  const liveName = live.roster?.participants.find((p) => p.id === participant.id)?.displayName ?? me?.participant.displayName ?? participant.displayName;
  const round = live.round ?? null;
  const kind = session.round.kind;
  const roundTab: { id: Tab; label: string } | null =
    session.round.number === 0 ? null : kind === "rif" ? { id: "round", label: t("tabs.hearing") } : kind === "tribunal" ? { id: "round", label: t("tabs.tribunal") } : kind === "conference" ? { id: "round", label: t("tabs.conference") } : null;
  const showRate = !observer && kind !== "rif" && kind !== "conference";
  const tabs: { id: Tab; label: string }[] = [
    ...(roundTab && kind !== "tribunal" ? [roundTab] : []),
    ...(showRate ? [{ id: "rate" as const, label: t("tabs.rate") }] : []),
    ...(roundTab && kind === "tribunal" ? [roundTab] : []),
    { id: "score", label: t("tabs.score") },
    { id: "board", label: t("tabs.board") },
    ...(session.reflectionOpen ? [{ id: "reflect" as const, label: t("tabs.reflect") }] : []),
  ];
  const activeTab: Tab = tabs.some((t) => t.id === tab) ? tab : (tabs[0]?.id ?? "score");

  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col">
      <header className="sticky top-0 z-10 border-b-4 border-ink bg-paper px-4 pb-2 pt-3">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="flex min-w-0 gap-1 text-xs font-semibold uppercase tracking-[0.15em] text-steel">
              <span className="truncate">{session.title}</span>
              <span className="shrink-0" data-testid="header-code">· {code}</span>
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
            <span className="text-xs text-steel" aria-live="polite" data-testid="connection-state">
              {!online ? (
                <>
                  <strong className="whitespace-nowrap rounded bg-party px-1.5 py-0.5 font-bold uppercase text-white">
                    <span aria-hidden="true">⨯ </span>
                    {t("connection.offline")}
                  </strong>
                  {waiting > 0 ? <span className="block whitespace-nowrap font-semibold text-ink">{t("connection.waiting", { count: waiting })}</span> : null}
                </>
              ) : live.status === "live" ? (
                <>
                  <span aria-hidden="true" className="text-green-700">●</span> {waiting > 0 ? t("connection.liveSending", { count: waiting }) : t("connection.live")}
                </>
              ) : live.status === "reconnecting" ? (
                <strong className="font-bold uppercase text-party">{waiting > 0 ? t("connection.reconnectingWaiting", { count: waiting }) : t("connection.reconnecting")}</strong>
              ) : (
                t("connection.connecting")
              )}
            </span>
          </div>
        </div>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
          <p className="min-w-0 text-sm break-words">
            {t.rich("youAre", { name: liveName, strong: (chunks) => <strong data-testid="my-name">{chunks}</strong> })}
            {observer ? (
              <span className="ml-2 rounded bg-steel px-2 py-0.5 text-xs font-bold uppercase text-white" data-testid="observer-badge">
                {t("observer")}
              </span>
            ) : null}
          </p>
          <LanguagePicker sessionCode={code} className="text-xs" />
        </div>
        <nav aria-label={t("sections")} className="mt-2 grid gap-1" style={{ gridTemplateColumns: `repeat(${tabs.length}, minmax(0, 1fr))` }} role="tablist">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={activeTab === t.id}
              aria-controls={`panel-${t.id}`}
              id={`tab-${t.id}`}
              onClick={() => setTab(t.id)}
              className={`min-h-11 min-w-0 rounded-md px-0.5 font-bold uppercase leading-tight hyphens-auto ${tabs.length > 4 ? "text-[10px] tracking-normal" : tabs.length > 3 ? "text-[11px] tracking-normal" : "text-sm tracking-wide"} ${activeTab === t.id ? "bg-ink text-paper" : t.id === "reflect" || t.id === "round" ? "bg-gold text-ink" : "bg-paper-dark text-ink"}`}
            >
              {t.label}
            </button>
          ))}
        </nav>
      </header>

      <main id="main" className="flex-1 px-4 py-4">
        {session.phase === "ended" ? (
          <div className="mb-4">
            <Alert tone="info">{t("ended")}</Alert>
          </div>
        ) : null}
        {observer ? (
          <div className="mb-4" data-testid="observer-note">
            <Alert tone="info">{t("observerNote")}</Alert>
          </div>
        ) : null}
        {round && round.amendments.length > 0 ? (
          <div className="mb-4">
            <AmendmentsBanner amendments={round.amendments} />
          </div>
        ) : null}
        {session.reflectionOpen && activeTab !== "reflect" ? (
          <button type="button" onClick={() => setTab("reflect")} className="mb-4 w-full rounded-lg border-2 border-ink bg-gold px-4 py-3 text-left font-bold">
            {t("reflectionOpen")}
          </button>
        ) : null}
        {roundTab ? (
          <div role="tabpanel" id="panel-round" aria-labelledby="tab-round" hidden={activeTab !== "round"}>
            {kind === "rif" ? (
              <RifPanel code={code} round={round} personal={me?.interactive.rif} selfId={participant.id} observer={observer} />
            ) : kind === "tribunal" ? (
              <TribunalPanel code={code} round={round} personal={me?.interactive.tribunal} selfId={participant.id} observer={observer} roster={live.roster ?? null} />
            ) : (
              <ConferencePanel code={code} round={round} personal={me?.interactive.conference} observer={observer} roundOpen={session.phase === "round_open"} />
            )}
          </div>
        ) : null}
        <div role="tabpanel" id="panel-rate" aria-labelledby="tab-rate" hidden={activeTab !== "rate" || !showRate}>
          <RatePanel
            code={code}
            session={session}
            me={participant}
            quota={me?.quota ?? null}
            rules={session.round.ruleTags}
            joinedDuringRound={me?.joinedDuringRound ?? false}
            roster={live.roster ?? null}
            onWaiting={setWaiting}
            rulesSummary={live.leaderboard?.rules ?? null}
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
