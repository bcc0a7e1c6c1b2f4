"use client";

// The debrief's presenter mode: one screen at a time, full window, no site
// header. → / PageDown / Space next, ← / PageUp previous, Home / End first and
// last, Esc back to the debrief. The position ("3 / 12") and the named
// previous/next buttons are always on screen; the position is kept in the URL
// hash so a reload stays on the same screen.
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useSyncExternalStore, type ReactNode } from "react";

function subscribeHash(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export interface PresenterSlide {
  id: string;
  title: string;
  node: ReactNode;
}

const KEYS_NEXT = new Set(["ArrowRight", "PageDown"]);
const KEYS_PREV = new Set(["ArrowLeft", "PageUp"]);

export function PresenterDeck({ title, backHref, slides }: { title: string; backHref: string; slides: PresenterSlide[] }) {
  // The screen named in the hash (after a reload or a link to one screen); the server renders the first.
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash.slice(1), () => "");
  const mainRef = useRef<HTMLElement>(null);
  const t = useTranslations("debrief.presenter");
  const count = slides.length;
  const index = Math.max(0, slides.findIndex((s) => s.id === hash));

  const go = useCallback(
    (to: number) => {
      const next = Math.max(0, Math.min(count - 1, to));
      // replaceState: stepping through the screens does not fill the back button's history.
      window.history.replaceState(null, "", `#${slides[next]!.id}`);
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    },
    [count, slides],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      if (KEYS_NEXT.has(event.key)) go(index + 1);
      else if (KEYS_PREV.has(event.key)) go(index - 1);
      else if (event.key === "Home") go(0);
      else if (event.key === "End") go(count - 1);
      else if (event.key === "Escape") window.location.assign(backHref);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, index, count, backHref]);

  // Each new screen starts at its top.
  useEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [index]);

  const slide = slides[index]!;
  const nav =
    "inline-flex min-h-14 min-w-14 items-center justify-center gap-2 rounded-md border-2 border-ink bg-white px-5 text-xl font-bold uppercase tracking-wide hover:bg-paper disabled:cursor-not-allowed disabled:opacity-40";
  return (
    <div className="flex h-dvh flex-col bg-paper" data-testid="presenter">
      <header className="flex items-center justify-between gap-6 border-b-4 border-ink bg-white px-8 py-3">
        <p className="min-w-0 truncate text-xl font-semibold uppercase tracking-[0.15em] text-party">
          {t.rich("header", { title, name: (chunks) => <span className="text-ink">{chunks}</span> })}
        </p>
        <div className="flex shrink-0 items-center gap-4">
          <p className="font-mono text-2xl font-bold tabular-nums" data-testid="presenter-position" aria-live="polite">
            <span className="sr-only">{t("screen")}</span>
            {index + 1} / {count}
            <span className="sr-only">: {slide.title}</span>
          </p>
          <a href={backHref} className="text-lg font-semibold underline underline-offset-4 hover:text-party" data-testid="presenter-exit">
            {t("back")} <span className="font-normal text-steel">(Esc)</span>
          </a>
        </div>
      </header>
      <main ref={mainRef} id="main" className="presenter-slide min-h-0 flex-1 overflow-y-auto px-12 py-8" data-testid="presenter-slide" data-slide={slide.id} aria-label={slide.title}>
        {slide.node}
      </main>
      <footer className="flex items-center justify-between gap-4 border-t-2 border-ink/20 bg-white px-8 py-3">
        <button type="button" className={nav} onClick={() => go(index - 1)} disabled={index === 0} data-testid="presenter-prev">
          <span aria-hidden="true">←</span> {t("previous")} <span className="sr-only">{t("screenSr")}</span>
        </button>
        <p className="hidden text-base text-steel lg:block">{t("keys")}</p>
        <button type="button" className={nav} onClick={() => go(index + 1)} disabled={index === count - 1} data-testid="presenter-next">
          {t("next")} <span className="sr-only">{t("screenSr")}</span> <span aria-hidden="true">→</span>
        </button>
      </footer>
    </div>
  );
}
