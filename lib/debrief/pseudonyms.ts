// Pseudonyms and orders for the debrief and exports, from a keyed hash
// (HMAC-SHA-256) under the session's own random key (Session.pseudonymSecret,
// server-side only). Without that key nobody can recompute them from
// participant ids, and join order (which the control room shows) says nothing.
// Three separate namespaces, so sections cannot be joined to one another:
//   P01…  people with scores, ranks and bands (scores export, churn, scenes),
//         which were on the projector with names;
//   N01…  people in the pairwise sections (admiration network, cliques), so a
//         network node cannot be looked up in the scores;
//   R01…  raters (leniency).
// docs/decisions/0012-pairwise-data-after-the-end.md explains the choice.
import crypto from "node:crypto";

export type PseudonymSpace = "person" | "network" | "rater";

/** HMAC-SHA-256 of `label:value` under the session's key, as hex. */
export function keyedHash(secret: string, label: string, value: string): string {
  return crypto.createHmac("sha256", secret).update(`${label}:${value}`).digest("hex");
}

export interface Pseudonyms {
  /** P01…: as a person with a score, a rank, a band, an accusation count. */
  pseudonym: string;
  /** N01…: as a node of the pairwise sections (admiration network, cliques). */
  networkPseudonym: string;
  /** R01…: as a rater (leniency). */
  raterPseudonym: string;
}

export function assignPseudonyms<T extends { id: string }>(secret: string, people: readonly T[]): (T & Pseudonyms)[] {
  const order = (space: PseudonymSpace) =>
    new Map(
      [...people]
        .map((p) => ({ id: p.id, h: keyedHash(secret, `pseudonym-${space}`, p.id) }))
        .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
        .map((x, i) => [x.id, String(i + 1).padStart(2, "0")]),
    );
  const person = order("person");
  const network = order("network");
  const rater = order("rater");
  return people.map((p) => ({ ...p, pseudonym: `P${person.get(p.id)}`, networkPseudonym: `N${network.get(p.id)}`, raterPseudonym: `R${rater.get(p.id)}` }));
}

/** Reflections in an order that says nothing about who answered when: by keyed hash of their id. */
export function orderReflections<T extends { id: string }>(secret: string, reflections: readonly T[]): T[] {
  const key = new Map(reflections.map((r) => [r.id, keyedHash(secret, "reflection-order", r.id)]));
  return [...reflections].sort((a, b) => (key.get(a.id)! < key.get(b.id)! ? -1 : key.get(a.id)! > key.get(b.id)! ? 1 : 0));
}

/**
 * An opaque handle for one reflection, for the facilitator's "show on projector" button: reflection ids
 * are cuids, which start with a timestamp, so the page never sees them.
 */
export function reflectionHandle(secret: string, reflectionId: string): string {
  return keyedHash(secret, "reflection-handle", reflectionId).slice(0, 24);
}
