import type { Item, Meta, PairGroup, Participant } from "./schema";

/*
 * The facilitator's pairs on a board (`meta.pairs`): made from the placements of the people here,
 * and shown only during the round they were made in, since a new round's placements may differ.
 */

/** The pairs of the board's current round; null when there are none (or only an earlier round's). */
export function pairsOfRound(meta: Pick<Meta, "pairs" | "round">): PairGroup[] | null {
  return meta.pairs && meta.pairs.round === meta.round ? meta.pairs.groups : null;
}

/** The group a participant is in this round, if any. */
export function groupOf(meta: Pick<Meta, "pairs" | "round">, participant: string): PairGroup | null {
  return pairsOfRound(meta)?.find((g) => g.members.includes(participant)) ?? null;
}

/** What a board calls its people (e.g. a roster's, pseudonyms included) and items, with words for one that has since gone. */
export function boardNames(people: readonly Participant[], items: readonly Item[]): { nameOf(id: string): string; itemText(id: string): string } {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const texts = new Map(items.map((i) => [i.id, i.text]));
  return { nameOf: (id) => names.get(id) ?? "Someone who left", itemText: (id) => texts.get(id) ?? "An item since deleted" };
}
