import { colorFor } from "../lib/board/colors";

/*
 * Who this device is on a board. The name is remembered for every board on
 * this device; the participant id is per board, so two boards never link
 * the same person's placements.
 */
const NAME_KEY = "cruxboard:name";
const idKey = (boardId: string) => `cruxboard:participant:${boardId}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the person is asked again next time
  }
}

export function rememberedName(): string | null {
  const name = storage()?.getItem(NAME_KEY)?.trim();
  return name ? name : null;
}

export function rememberName(name: string): void {
  storage()?.setItem(NAME_KEY, name.trim());
}

const randomId = (prefix: string) =>
  prefix + btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(12)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

const newParticipantId = () => randomId("p-");
/** A new item's id: random, so two people adding at once never collide. */
export const newItemId = () => randomId("i-");

/** This device's participant on a board: the same id and colour on every visit. */
export function participantFor(boardId: string): { id: string; color: string } {
  const store = storage();
  let id = store?.getItem(idKey(boardId)) ?? null;
  if (!id) {
    id = newParticipantId();
    store?.setItem(idKey(boardId), id);
  }
  return { id, color: colorFor(id) };
}
