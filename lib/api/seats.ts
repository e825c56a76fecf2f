import { z } from "zod/mini";
import "../zod-messages";
import { IdSchema, LIMITS } from "../board/schema";

/*
 * Seats (contract v2): each person's notes are their own. Taking a seat makes the person's
 * `participants` entry on the server and hands back a secret that the person's connections
 * pass as `seat`; with it, the server applies only what is that person's own.
 */

/**
 * `POST /api/boards/<id>/seats?key=<participant or facilitator key>`. `participant` claims an id
 * this device already placed under before seats existed, once: an id anyone has a seat for, or that
 * joined the board after seats, cannot be claimed (the facilitator's key may claim any id without a seat).
 */
export const TakeSeatBodySchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, "must not be empty"), z.maxLength(LIMITS.nameMax, `must be at most ${LIMITS.nameMax} characters`)),
  participant: z.optional(IdSchema),
});
export type TakeSeatBody = z.infer<typeof TakeSeatBodySchema>;

/** → 201: the person's entry as the server wrote it, and their seat. */
export const SeatSchema = z.object({
  participant: z.object({ id: IdSchema, name: z.string(), color: z.string() }),
  seat: z.string().check(z.minLength(20), z.maxLength(64)),
});
export type Seat = z.infer<typeof SeatSchema>;

/** A seat's secret: 18 random bytes, URL-safe, as keys are. */
export const SEAT_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;

/** `GET /api/boards/<id>/seats?key=<facilitator key>` → 200: who was removed (that lives in the store, not the document). */
export const SeatListSchema = z.object({ removed: z.array(IdSchema) });
export type SeatList = z.infer<typeof SeatListSchema>;

/**
 * `DELETE /api/boards/<id>/seats/<participantId>?key=<facilitator key>[&placements=delete]` → 204.
 * Without `placements=delete` the person's placements and entry stay on the board.
 */
export const RemovePlacementsSchema = z.enum(["keep", "delete"]);
export type RemovePlacements = z.infer<typeof RemovePlacementsSchema>;
