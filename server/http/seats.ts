import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { RemovePlacementsSchema, TakeSeatBodySchema, type Seat, type SeatList, type TakeSeatBody } from "../../lib/api/seats";
import { nextColor } from "../../lib/board/colors";
import { joinParticipant } from "../../lib/board/commands";
import { nameTaken } from "../../lib/board/people";
import { IdSchema, type Participant } from "../../lib/board/schema";
import { hashKey, newKey } from "../sync/auth";
import type { BoardRecord, DocStore, Role } from "../storage/types";
import type { BoardRouteDeps, Route } from "./board-routes";
import { readBoardOr409 } from "./readable-board";
import { HttpError, readJsonBody, sendJson } from "./respond";

/** What the seat routes borrow from the API they are part of. */
export interface SeatRouteDeps extends BoardRouteDeps {
  store: DocStore;
  seatsPerBoard: number;
  /** Counts a seat against the address's limit (429 past it). */
  takeOr429(req: IncomingMessage): Promise<void>;
}


/** Server-made participant ids look like the ones devices made before seats: "p-" and 16 URL-safe characters. */
const newParticipantId = () => "p-" + randomBytes(12).toString("base64url");

/**
 * Seats (contract v2): a person takes one, the server writes their entry, and only connections with
 * their seat write as them. The facilitator removes people; their seat then never works again.
 */
export function createSeatRoutes(deps: SeatRouteDeps): Route[] {
  const { store, rooms, logger } = deps;

  async function take(board: BoardRecord, role: Role, body: TakeSeatBody): Promise<Seat> {
    if ((await store.countSeats(board.id)) >= deps.seatsPerBoard) {
      throw new HttpError(409, `this board already has its ${deps.seatsPerBoard} people`);
    }
    const seat = newKey();
    const now = Date.now();
    return rooms.withSettledRoom(board.id, async (room) => {
      const participants = readBoardOr409(room.doc).participants;
      const claimed = body.participant;
      const earlier = claimed === undefined ? undefined : participants.find((p) => p.id === claimed);
      if (claimed !== undefined) {
        // Only the device that placed under an id before seats should claim it; the participant link is
        // the whole room's, so with it only entries from before seats can be, and each only once.
        const fromBefore = earlier !== undefined && board.seatsSince !== undefined && earlier.joinedAt < board.seatsSince;
        if (role !== "facilitator" && !fromBefore) {
          throw new HttpError(409, "this participant id cannot be claimed: take a seat without one", "participant");
        }
        if (await store.getSeat(board.id, claimed)) throw new HttpError(409, "this participant id already has a seat", "participant");
      }
      const id = claimed ?? newParticipantId();
      if (nameTaken(participants, body.name, id)) throw new HttpError(409, `someone on this board is already called ${body.name.trim()}`, "name");
      const entry: Participant = {
        id,
        name: body.name.trim(),
        color: earlier?.color ?? nextColor(participants.map((p) => p.color)),
        joinedAt: earlier?.joinedAt ?? now,
      };
      // Seated before the entry is written: two claims of one id cannot both get this far.
      if (!(await store.addSeat({ boardId: board.id, participantId: id, seatHash: hashKey(seat), createdAt: now }))) {
        throw new HttpError(409, "this participant id already has a seat", "participant");
      }
      room.transact((doc) => joinParticipant(doc, entry, "seat"), "seat");
      await room.settle();
      logger.info("seat taken", { room: board.id, claimed: claimed !== undefined });
      return { participant: { id, name: entry.name, color: entry.color }, seat };
    });
  }

  async function remove(board: BoardRecord, participant: string, placements: "keep" | "delete"): Promise<void> {
    const known = await rooms.withSettledRoom(board.id, (room) => {
      const state = readBoardOr409(room.doc);
      return state.participants.some((p) => p.id === participant) || state.placements.some((p) => p.participant === participant);
    });
    if (!known && !(await store.getSeat(board.id, participant))) throw new HttpError(404, "nobody with this id is on this board");
    if (!(await store.removeSeat(board.id, participant, Date.now()))) throw new HttpError(404, "unknown board");
    // Every node's room reads who was removed and closes their connections, before anything of theirs goes.
    await rooms.announce(board.id, "seats-removed");
    if (placements === "delete") {
      await rooms.withSettledRoom(board.id, async (room) => {
        room.transact((doc) => {
          const placed = doc.getMap<unknown>("placements");
          for (const key of Array.from(placed.keys())) if (key.endsWith(`:${participant}`)) placed.delete(key);
          doc.getMap<unknown>("participants").delete(participant);
        }, "seat-removed");
        await room.settle();
      });
    }
    logger.info("seat removed", { room: board.id, placements });
  }

  return [
    {
      // A person takes a seat with the participant link (or the facilitator's, to place too).
      method: "POST",
      pattern: /^\/api\/boards\/([^/]+)\/seats$/,
      handler: async (req, res, [id], url) => {
        const board = await deps.boardOr404(id!);
        const role = deps.authorize(board, url);
        if (role === "viewer") throw new HttpError(403, "a viewer link cannot take a seat: use the participant link", "key");
        await deps.takeOr429(req);
        const body = deps.parse(TakeSeatBodySchema, await readJsonBody(req, 16 * 1024));
        sendJson(res, 201, await take(board, role, body));
      },
    },
    {
      // Who was removed, for the facilitator's list of people: removal lives in the store, not the document.
      method: "GET",
      pattern: /^\/api\/boards\/([^/]+)\/seats$/,
      handler: async (_req, res, [id], url) => {
        const board = await deps.boardOr404(id!);
        deps.authorize(board, url, "facilitator");
        const out: SeatList = { removed: (await store.removedParticipants(board.id)).sort() };
        sendJson(res, 200, out);
      },
    },
    {
      method: "DELETE",
      pattern: /^\/api\/boards\/([^/]+)\/seats\/([^/]+)$/,
      handler: async (_req, res, [id, participant], url) => {
        const board = await deps.boardOr404(id!);
        deps.authorize(board, url, "facilitator");
        if (!IdSchema.safeParse(participant).success) throw new HttpError(404, "nobody with this id is on this board");
        const placements = RemovePlacementsSchema.safeParse(url.searchParams.get("placements") ?? "keep");
        if (!placements.success) throw new HttpError(400, `placements must be one of ${RemovePlacementsSchema.options.join(", ")}`, "placements");
        await remove(board, participant!, placements.data);
        res.writeHead(204).end();
      },
    },
  ];
}
