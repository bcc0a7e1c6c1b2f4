"use client";
// A room's screen (projector, phone) re-renders in the session's new language when the facilitator
// changes it: the live `phase` event carries `language`, and a change re-fetches the page's server
// components (a phone that chose its own language keeps it: the cookie still wins on the server).
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

export function useRoomLanguage(language: string | undefined): void {
  const router = useRouter();
  const first = useRef(language);
  useEffect(() => {
    if (language === undefined || first.current === undefined) {
      first.current ??= language;
      return;
    }
    if (language !== first.current) {
      first.current = language;
      router.refresh();
    }
  }, [language, router]);
}
