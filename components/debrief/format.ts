// Number formatting for the debrief: fixed decimals, a real minus sign, and a
// dash for "no number" so a null never reads as zero.

export const NO_NUMBER = "—";

/** 0.456 → "0.46", -0.2 → "−0.20", null → "—". */
export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NO_NUMBER;
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** Like fmt but with a sign on positive numbers too: "+1.50". */
export function signed(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NO_NUMBER;
  return x > 0 ? `+${fmt(x, digits)}` : fmt(x, digits);
}

/** 0.4 → "40%", null → "—". */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NO_NUMBER;
  return `${Math.round(x * 100)}%`;
}

/** 1.5 → "1.5", 2 → "2": short bin edges for axis labels. */
export function edge(x: number): string {
  return String(Math.round(x * 100) / 100);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A name or pseudonym cut to fit an axis. */
export function short(s: string, max = 22): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** How strong a correlation is, in words, so the number is never read alone. */
export function strength(r: number): string {
  const a = Math.abs(r);
  const size = a >= 0.7 ? "strong" : a >= 0.4 ? "moderate" : a >= 0.2 ? "weak" : "almost no";
  if (size === "almost no") return "almost no";
  return `${size} ${r > 0 ? "positive" : "negative"}`;
}
