import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod/mini";
import type { Logger } from "../log";
import type { RoomManager } from "../sync/rooms";
import type { BoardRecord, Role } from "../storage/types";

/** One endpoint of the HTTP API: its method, its path (groups are the parameters) and what answers it. */
export interface Route {
  method: string;
  pattern: RegExp;
  handler: (req: IncomingMessage, res: ServerResponse, params: string[], url: URL) => Promise<void>;
}

/** What a route that writes into a live board (seats, items) borrows from the API it is part of. */
export interface BoardRouteDeps {
  rooms: RoomManager;
  logger: Logger;
  boardOr404(id: string): Promise<BoardRecord>;
  authorize(board: BoardRecord, url: URL, needed?: Role): Role;
  parse<S extends z.core.$ZodType>(schema: S, value: unknown): z.infer<S>;
}
