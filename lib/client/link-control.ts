import { z } from "zod/mini";
import "../zod-messages";
import { ReplacedKeysSchema, type ReplacedKeys } from "../api/link-control";
import { boardPath, callApi } from "./http";

/** Replaces the participant or viewer link (facilitator key): the old one stops working at once. */
export const replaceBoardLink = (boardId: string, facilitatorKey: string, role: "participant" | "viewer"): Promise<ReplacedKeys> =>
  callApi(boardPath(boardId, "/keys", facilitatorKey), { method: "POST", body: { role }, schema: ReplacedKeysSchema, what: "the board's new links" });

/**
 * Deletes the board and everything of it (facilitator key). A 204 has no body to check; z.unknown
 * rather than z.undefined, which would add a zod class to every board page's shared zod code.
 */
export const deleteBoard = async (boardId: string, facilitatorKey: string): Promise<void> => {
  await callApi(boardPath(boardId, "", facilitatorKey), { method: "DELETE", expect: 204, schema: z.unknown() });
};
