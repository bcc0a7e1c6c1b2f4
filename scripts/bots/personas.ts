// Bot personas for `npm run bots`: how a mix like "lenient:40,harsh:20" is read,
// how N bots are shared out between personas and cliques, and which score a
// persona gives. Pure: randomness is passed in (a function like Math.random).

export const PERSONAS = ["lenient", "harsh", "random", "revenge", "clique"] as const;
export type Persona = (typeof PERSONAS)[number];

export interface PersonaShare {
  persona: Persona;
  /** Share in percent; the shares of a mix add up to 100 after parsing. */
  percent: number;
}

export type Random = () => number;

export const DEFAULT_MIX = "lenient:40,harsh:20,random:20,revenge:10,clique:10";
export const CLIQUE_SIZE = 4;
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const MAX_GRUDGE = 4;

function isPersona(name: string): name is Persona {
  return (PERSONAS as readonly string[]).includes(name);
}

/**
 * "lenient" → 100 % lenient; "lenient,harsh" → equal shares;
 * "lenient:40,harsh:20,random:40" → those percentages. Shares that do not add
 * up to 100 are scaled so they do (the bots print the resulting head count).
 */
export function parsePersonaMix(spec: string): PersonaShare[] {
  const parts = spec
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) throw new Error(`--persona is empty. Use one of ${PERSONAS.join(", ")}, or a mix like ${DEFAULT_MIX}.`);
  const seen = new Set<Persona>();
  const raw: { persona: Persona; weight: number | null }[] = [];
  for (const part of parts) {
    const match = /^([a-z]+)\s*(?::\s*(.+))?$/i.exec(part);
    const name = match?.[1]?.toLowerCase() ?? part;
    if (!match || !isPersona(name)) {
      throw new Error(`Unknown persona "${part}" in --persona. Known personas: ${PERSONAS.join(", ")}.`);
    }
    if (seen.has(name)) throw new Error(`Persona "${name}" appears twice in --persona.`);
    seen.add(name);
    let weight: number | null = null;
    if (match[2] !== undefined) {
      const text = match[2].replace(/%$/, "").trim();
      weight = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(weight) || weight < 0) {
        throw new Error(`The share of "${name}" must be a percentage such as ${name}:25 (got "${match[2]}").`);
      }
    }
    raw.push({ persona: name, weight });
  }
  const weighted = raw.filter((r) => r.weight !== null).length;
  if (weighted !== 0 && weighted !== raw.length) {
    throw new Error("Give a percentage for every persona in the mix (lenient:50,harsh:50) or for none (lenient,harsh).");
  }
  const weights = raw.map((r) => r.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error("The persona shares add up to 0 %; give at least one a positive share.");
  return raw
    .map((r, i) => ({ persona: r.persona, percent: ((weights[i] ?? 0) / total) * 100 }))
    .filter((s) => s.percent > 0);
}

/**
 * One persona per bot, in mix order, sharing `count` out by the largest
 * remainder method so the head counts add up exactly.
 */
export function assignPersonas(count: number, mix: PersonaShare[]): Persona[] {
  const exact = mix.map((s) => (s.percent / 100) * count);
  const counts = exact.map((x) => Math.floor(x));
  let left = count - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0 && byRemainder.length > 0; j = (j + 1) % byRemainder.length, left--) {
    const index = byRemainder[j]?.i ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return mix.flatMap((s, i) => Array.from({ length: counts[i] ?? 0 }, () => s.persona));
}

/** Clique number (0-based) for each of `count` clique bots: about `size` per clique, sizes differing by at most one. */
export function assignCliques(count: number, size = CLIQUE_SIZE): number[] {
  if (count <= 0) return [];
  const cliques = Math.max(1, Math.round(count / size));
  return Array.from({ length: count }, (_, i) => Math.floor((i * cliques) / count));
}

/** Draws from [value, weight] pairs. */
function weighted(table: readonly (readonly [number, number])[], random: Random): number {
  const total = table.reduce((a, [, w]) => a + w, 0);
  let r = Math.min(Math.max(random(), 0), 0.999999999) * total;
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[table.length - 1]?.[0] ?? SCORE_MIN;
}

export const clampScore = (n: number) => Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(n)));

export interface ScoreContext {
  /** clique: is the target in the rater's own clique? */
  sameClique?: boolean;
  /** revenge: how much the rater resents the target, 0 … MAX_GRUDGE. */
  grudge?: number;
}

const LENIENT = [[5, 60], [4, 30], [3, 10]] as const; // 90 % 4–5
const HARSH = [[1, 55], [2, 35], [3, 10]] as const; // 90 % 1–2
const REVENGE_BASE = [[5, 30], [4, 40], [3, 30]] as const; // friendly until someone gets ahead

/** The score a persona gives one colleague on one dimension. */
export function chooseScore(persona: Persona, context: ScoreContext, random: Random): number {
  switch (persona) {
    case "lenient":
      return weighted(LENIENT, random);
    case "harsh":
      return weighted(HARSH, random);
    case "random":
      return clampScore(SCORE_MIN + Math.floor(Math.min(random(), 0.999999999) * (SCORE_MAX - SCORE_MIN + 1)));
    case "revenge": {
      const grudge = Math.min(MAX_GRUDGE, Math.max(0, context.grudge ?? 0));
      return clampScore(weighted(REVENGE_BASE, random) - grudge);
    }
    case "clique":
      return context.sameClique ? SCORE_MAX : SCORE_MIN;
  }
}

export type DimensionMode = "all" | "one" | "some";

/** Which dimensions one PUT rates: all, one, or (default) 1–3 distinct random ones. */
export function pickDimensions(keys: readonly string[], mode: DimensionMode, random: Random): string[] {
  if (keys.length === 0) return [];
  if (mode === "all") return [...keys];
  const wanted = mode === "one" ? 1 : 1 + Math.floor(Math.min(random(), 0.999999999) * Math.min(3, keys.length));
  const pool = [...keys];
  const picked: string[] = [];
  while (picked.length < wanted && pool.length > 0) {
    const i = Math.floor(Math.min(random(), 0.999999999) * pool.length);
    picked.push(...pool.splice(i, 1));
  }
  return picked;
}

/**
 * A colleague to rate: usually one not rated yet this round (so everyone
 * reaches the k raters a score needs), otherwise anyone but oneself.
 */
export function pickTarget(colleagues: readonly string[], selfId: string, rated: ReadonlySet<string>, random: Random): string | null {
  const others = colleagues.filter((id) => id !== selfId);
  if (others.length === 0) return null;
  const fresh = others.filter((id) => !rated.has(id));
  const pool = fresh.length > 0 && random() < 0.7 ? fresh : others;
  return pool[Math.floor(Math.min(random(), 0.999999999) * pool.length)] ?? null;
}
