import { z } from "zod/mini";
import "../zod-messages";
import { SeatListSchema, SeatSchema, type RemovePlacements, type Seat, type SeatList, type TakeSeatBody } from "../api/seats";
import { boardPath, callApi } from "./http";

/** Takes a seat on a board (participant or facilitator key): the server writes the person's entry. */
export const takeSeat = (boardId: string, key: string, body: TakeSeatBody, signal?: AbortSignal): Promise<Seat> =>
  callApi(boardPath(boardId, "/seats", key), { method: "POST", body, signal, expect: 201, schema: SeatSchema, what: "a seat" });

/** Removes a person from the board (facilitator key): their seat stops working, their open pages are closed. */
export const removeSeat = async (boardId: string, facilitatorKey: string, participant: string, placements: RemovePlacements): Promise<void> => {
  const query: Record<string, string> = placements === "delete" ? { placements } : {};
  await callApi(boardPath(boardId, `/seats/${encodeURIComponent(participant)}`, facilitatorKey, query), { method: "DELETE", expect: 204, schema: z.unknown() });
};

/** Who was removed from the board (facilitator key). */
export const listRemoved = (boardId: string, facilitatorKey: string, signal?: AbortSignal): Promise<SeatList> =>
  callApi(boardPath(boardId, "/seats", facilitatorKey), { signal, schema: SeatListSchema, what: "the people removed" });
