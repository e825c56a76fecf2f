import type { z } from "zod/mini";
import type { Logger } from "../log";
import type { RoomManager } from "../sync/rooms";
import type { BoardRecord, Role } from "../storage/types";

/** What a route that writes into a live board (seats, items) borrows from the API it is part of. */
export interface BoardRouteDeps {
  rooms: RoomManager;
  logger: Logger;
  boardOr404(id: string): Promise<BoardRecord>;
  authorize(board: BoardRecord, url: URL, needed?: Role): Role;
  parse<S extends z.core.$ZodType>(schema: S, value: unknown): z.infer<S>;
}
