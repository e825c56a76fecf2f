import { CreatedBoardSchema, type CreateBoardBody, type CreatedBoard } from "../api/schemas";
import { callApi } from "./http";

/** A new board (`POST /api/boards`); the caller becomes its facilitator. */
export const createBoard = (body: CreateBoardBody): Promise<CreatedBoard> =>
  callApi("/api/boards", { method: "POST", body, expect: 201, schema: CreatedBoardSchema, what: "a new board" });

/** A new board from a snapshot file's JSON; the server checks all of it before creating anything. */
export const importBoard = (snapshot: unknown): Promise<CreatedBoard> =>
  callApi("/api/boards/import", { method: "POST", body: snapshot, expect: 201, schema: CreatedBoardSchema, what: "a new board" });
