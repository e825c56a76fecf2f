import { deviceStorage } from "./storage";

/*
 * Who this device is on a board. The name is remembered for every board on
 * this device; the participant id is per board, so two boards never link
 * the same person's placements. A colour is not part of it: the board hands
 * colours out in order of joining (lib/board/colors.ts).
 */
const NAME_KEY = "cruxboard:name";
const idKey = (boardId: string) => `cruxboard:participant:${boardId}`;
const placingKey = (boardId: string) => `cruxboard:placing:${boardId}`;

/** Without storage the person is asked again next time. */
export function rememberedName(): string | null {
  const name = deviceStorage.get(NAME_KEY)?.trim();
  return name ? name : null;
}

export function rememberName(name: string): void {
  deviceStorage.set(NAME_KEY, name.trim());
}

const randomId = (prefix: string) =>
  prefix + btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(12)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

const newParticipantId = () => randomId("p-");
/** A new item's id: random, so two people adding at once never collide. */
export const newItemId = () => randomId("i-");

/** This device's participant id on a board: the same on every visit. */
export function participantIdFor(boardId: string): string {
  let id = deviceStorage.get(idKey(boardId));
  if (!id) {
    id = newParticipantId();
    deviceStorage.set(idKey(boardId), id);
  }
  return id;
}

/**
 * The participant id this device placed under on a board before seats existed, without making one:
 * a device that has one claims it when it takes its seat, so its earlier placements stay its own.
 */
export function earlierParticipantId(boardId: string): string | null {
  return deviceStorage.get(idKey(boardId));
}

/**
 * Whether the facilitator on this device chose to place on this board ("I'm placing too").
 * A facilitator's device that joined before that choice existed did so without choosing.
 */
export function chosePlacing(boardId: string): boolean {
  return deviceStorage.get(placingKey(boardId)) === "1";
}

export function rememberPlacing(boardId: string): void {
  deviceStorage.set(placingKey(boardId), "1");
}
