import * as Y from "yjs";
import { readBoard, roots, storedPlacement } from "./doc";
import { moveInOrder, type ItemMove } from "./order";
import { insideGrid, outsideGridReason, sizeOf } from "./grid";
import {
  ItemSchema,
  MetaFieldSchemas,
  ParticipantSchema,
  PlacementSchema,
  placementKey,
  type GoalCorner,
  type Grid,
  type Item,
  type Meta,
  type Participant,
  type Placement,
} from "./schema";

/**
 * Verbs on the board document. Each validates its input, runs in one
 * transaction and tags it with an origin, so observers can tell local
 * edits from remote ones.
 */
export const LOCAL_ORIGIN = "local";

export function setMeta<K extends keyof Meta>(doc: Y.Doc, field: K, value: Meta[K], origin: unknown = LOCAL_ORIGIN): void {
  const parsed = MetaFieldSchemas[field].parse(value);
  doc.transact(() => roots(doc).meta.set(field, parsed), origin);
}

/** Sets (or, with null, clears) the corner the group is aiming for; like every meta write, only a facilitator's is applied. */
export function setGoal(doc: Y.Doc, goal: GoalCorner | null, origin: unknown = LOCAL_ORIGIN): void {
  setMeta(doc, "goal", goal, origin);
}

export function addItem(doc: Y.Doc, item: Item, origin: unknown = LOCAL_ORIGIN): Item {
  const parsed = ItemSchema.parse(item);
  doc.transact(() => roots(doc).items.set(parsed.id, parsed), origin);
  return parsed;
}

export function editItem(
  doc: Y.Doc,
  id: string,
  change: Partial<Pick<Item, "text" | "note">>,
  origin: unknown = LOCAL_ORIGIN,
): Item {
  const { items } = roots(doc);
  const current = ItemSchema.parse(items.get(id));
  const next = ItemSchema.parse({ ...current, ...change });
  if (!next.note) delete next.note; // an emptied note is no note
  doc.transact(() => items.set(id, next), origin);
  return next;
}

/**
 * Moves an item in the board's order (./order.ts); false when it is already where the move would
 * take it. Only items whose place changes are written, in one transaction.
 */
export function moveItem(doc: Y.Doc, id: string, move: ItemMove, origin: unknown = LOCAL_ORIGIN): boolean {
  const before = readBoard(doc).items;
  const moved = moveInOrder(before, id, move);
  if (!moved) return false;
  const { items } = roots(doc);
  doc.transact(() => {
    moved.forEach((item, index) => {
      if (before[index]?.id !== item.id || before[index]?.order !== item.order) items.set(item.id, ItemSchema.parse(item));
    });
  }, origin);
  return true;
}

/** Deleting an item also takes back every placement of it. */
export function deleteItem(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): void {
  const { items, placements } = roots(doc);
  doc.transact(() => {
    items.delete(id);
    for (const key of Array.from(placements.keys())) {
      if (key.startsWith(`${id}:`)) placements.delete(key);
    }
  }, origin);
}

export function placeItem(
  doc: Y.Doc,
  placement: Omit<Placement, "at"> & { at?: number },
  grid: Grid,
  origin: unknown = LOCAL_ORIGIN,
): Placement {
  const key = placementKey(placement.item, placement.participant);
  // Moving a note keeps the reason given for it: the person edits it beside the note if it no longer holds.
  const given = placement.reason ?? storedPlacement(doc, placement.item, placement.participant)?.reason;
  const { reason: _given, ...where } = placement;
  const reason = given?.trim() ?? "";
  const p = PlacementSchema.parse({ ...where, at: placement.at ?? Date.now(), ...(reason === "" ? {} : { reason }) });
  const size = sizeOf(grid);
  if (!insideGrid(p, size)) throw new RangeError(outsideGridReason(p, size));
  doc.transact(() => roots(doc).placements.set(key, p), origin);
  return p;
}

/**
 * Gives (or, with an empty text, takes away) the reason for a participant's own placement of
 * an item. Nothing happens when they have not placed it; a reason longer than the limit is refused.
 */
export function setReason(doc: Y.Doc, item: string, participant: string, reason: string, origin: unknown = LOCAL_ORIGIN): Placement | null {
  const current = storedPlacement(doc, item, participant);
  if (!current) return null;
  const text = reason.trim();
  const { reason: _old, ...rest } = current;
  const next = PlacementSchema.parse(text === "" ? rest : { ...rest, reason: text });
  if (next.reason === current.reason) return current;
  doc.transact(() => roots(doc).placements.set(placementKey(item, participant), next), origin);
  return next;
}

export function unplaceItem(doc: Y.Doc, item: string, participant: string, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => roots(doc).placements.delete(placementKey(item, participant)), origin);
}

export function joinParticipant(doc: Y.Doc, participant: Participant, origin: unknown = LOCAL_ORIGIN): Participant {
  const p = ParticipantSchema.parse(participant);
  doc.transact(() => roots(doc).participants.set(p.id, p), origin);
  return p;
}

/** Takes a participant entry off the board; their placements, if any, stay (and still count). */
export function removeParticipant(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => roots(doc).participants.delete(id), origin);
}

/**
 * The next round: `round` goes up by one and, unless the placements are kept
 * for re-voting, everyone's placements are taken back — in one transaction,
 * so nobody ever sees half a new round.
 */
export function startRound(doc: Y.Doc, round: number, keepPlacements: boolean, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const { meta, placements } = roots(doc);
    meta.set("round", round);
    if (!keepPlacements) for (const key of Array.from(placements.keys())) placements.delete(key);
  }, origin);
}
