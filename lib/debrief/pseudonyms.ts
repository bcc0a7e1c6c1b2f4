// Pseudonyms for the debrief and exports: in an order derived from a hash of
// session and participant, not from join order (which the control room
// shows), separately for people (P01…) and raters (R01…).
import crypto from "node:crypto";

export function assignPseudonyms<T extends { id: string }>(sessionId: string, people: readonly T[]): (T & { pseudonym: string; raterPseudonym: string })[] {
  const order = (salt: string) =>
    new Map(
      [...people]
        .map((p) => ({ id: p.id, h: crypto.createHash("sha256").update(`${sessionId}:${p.id}:${salt}`).digest("hex") }))
        .sort((a, b) => (a.h < b.h ? -1 : 1))
        .map((x, i) => [x.id, String(i + 1).padStart(2, "0")]),
    );
  const person = order("person");
  const rater = order("rater");
  return people.map((p) => ({ ...p, pseudonym: `P${person.get(p.id)}`, raterPseudonym: `R${rater.get(p.id)}` }));
}
