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

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** fmt, signed and pct in a language's own digits and separators ("0,46" in German, "40 %"). */
export function numbers(locale: string) {
  const fixed = (x: number | null | undefined, digits = 2): string => {
    if (x === null || x === undefined || !Number.isFinite(x)) return NO_NUMBER;
    const s = numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(Math.abs(x));
    return x < 0 && Number(Math.abs(x).toFixed(digits)) !== 0 ? `−${s}` : s;
  };
  return {
    fmt: fixed,
    signed: (x: number | null | undefined, digits = 2): string => {
      if (x === null || x === undefined || !Number.isFinite(x)) return NO_NUMBER;
      return x > 0 ? `+${fixed(x, digits)}` : fixed(x, digits);
    },
    pct: (x: number | null | undefined): string => {
      if (x === null || x === undefined || !Number.isFinite(x)) return NO_NUMBER;
      return numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(x);
    },
    int: (n: number): string => numberFormat(locale, {}).format(n),
  };
}

/** The strength of a correlation as a message key (debrief.view.reciprocity.relation). */
export function strengthKey(r: number): "strongPositive" | "moderatePositive" | "weakPositive" | "strongNegative" | "moderateNegative" | "weakNegative" | "almostNo" {
  const a = Math.abs(r);
  if (a < 0.2) return "almostNo";
  const size = a >= 0.7 ? "strong" : a >= 0.4 ? "moderate" : "weak";
  return `${size}${r > 0 ? "Positive" : "Negative"}`;
}
