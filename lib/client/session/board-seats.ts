import { z } from "zod/mini";
import "../../zod-messages";
import { IdSchema } from "../../board/schema";
import { SEAT_PATTERN } from "../../api/seats";
import { deviceStorage } from "./storage";

/*
 * The seat this device holds on each board (contract v2, "Seats"): the person's participant id and
 * the secret its connections pass, so a reload or a second tab of this browser is the same person.
 * Kept per board on the device beside the participant id (./identity.ts); forgotten when the board
 * is gone, when the facilitator removed the person, and on "Forget".
 */
const seatName = (boardId: string) => `cruxboard:seat:${boardId}`;

const StoredSeatSchema = z.object({ participant: IdSchema, seat: z.string().check(z.regex(SEAT_PATTERN)) });
export type StoredSeat = z.infer<typeof StoredSeatSchema>;

/** This device's seat on a board; null when it has none, or what is kept cannot be read. */
export function seatFor(boardId: string): StoredSeat | null {
  const raw = deviceStorage.get(seatName(boardId));
  if (!raw) return null;
  try {
    const parsed = StoredSeatSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function rememberSeat(boardId: string, seat: StoredSeat): void {
  deviceStorage.set(seatName(boardId), JSON.stringify({ participant: seat.participant, seat: seat.seat }));
}

/** Forgets the seat, and that the person was removed: "Forget" and a deleted board leave nothing of either. */
export function forgetSeat(boardId: string): void {
  deviceStorage.remove(seatName(boardId));
  forgetRemoved(boardId);
}

/*
 * That the facilitator removed this device's person from a board. The seat is gone, but the link still
 * opens the board: a reload must not quietly join again under the remembered name, as if nothing happened.
 * Kept until the person chooses to join again.
 */
const removedName = (boardId: string) => `cruxboard:removed:${boardId}`;

export function rememberRemoved(boardId: string): void {
  deviceStorage.set(removedName(boardId), "1");
}
export const wasRemoved = (boardId: string): boolean => deviceStorage.get(removedName(boardId)) !== null;
export function forgetRemoved(boardId: string): void {
  deviceStorage.remove(removedName(boardId));
}
