import { randomBytes } from "node:crypto";
import { AddItemsBodySchema, type AddedItems } from "../../lib/api/items";
import { readItemList } from "../../lib/board/item-list";
import { roots } from "../../lib/board/doc";
import { ItemSchema, LIMITS, type Item } from "../../lib/board/schema";
import type { BoardRouteDeps, Route } from "./board-routes";
import { readBoardOr409 } from "./readable-board";
import { RefusedLinesError, readJsonBody, sendJson } from "./respond";

/** What the item routes borrow from the API they are part of. */
export interface ItemRouteDeps extends BoardRouteDeps {
  maxBodyBytes: number;
}


/** Who the board says added an imported item: the facilitator, who has no seat to name. */
const FACILITATOR_AUTHOR = "facilitator";

/** Ids as the page makes them for an item it adds (lib/client/session/identity.ts). */
const newItemId = () => "i-" + randomBytes(12).toString("base64url");

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Session prep: the facilitator adds a pasted list or a CSV file of items at once. Every line is
 * checked before anything is written; then all items go onto the live board in one server change,
 * stored before anyone is told, exactly as taking a seat writes the person's entry.
 */
export function createItemRoutes(deps: ItemRouteDeps): Route[] {
  const { rooms, logger } = deps;
  return [
    {
      method: "POST",
      pattern: /^\/api\/boards\/([^/]+)\/items$/,
      handler: async (req, res, [id], url) => {
        const board = await deps.boardOr404(id!);
        deps.authorize(board, url, "facilitator");
        const body = deps.parse(AddItemsBodySchema, await readJsonBody(req, deps.maxBodyBytes));
        const added = await rooms.withSettledRoom(board.id, async (room): Promise<AddedItems> => {
          const onBoard = readBoardOr409(room.doc).items;
          const list = readItemList(body.text, {
            format: body.format ?? "lines",
            existing: onBoard.map((item) => item.text),
            duplicates: body.duplicates ?? "skip",
            room: LIMITS.boardItemsMax - onBoard.length,
          });
          if (list.problems.length > 0) {
            throw new RefusedLinesError(`${plural(list.problems.length, "line", "lines")} cannot be added, so nothing was added`, list.problems);
          }
          if (list.items.length === 0) throw new RefusedLinesError("the list holds no items", []);
          // After every item already there, even one stamped a moment ahead (a template's starters are a millisecond
          // apart from the board's creation): a list added at once comes last, in its own order.
          const now = Math.max(Date.now(), ...onBoard.map((item) => item.createdAt + 1));
          const made: Item[] = list.adding.map((entry, i) =>
            // One millisecond apart: the board lists items without an order by when they were added.
            ItemSchema.parse({ id: newItemId(), text: entry.text, ...(entry.note ? { note: entry.note } : {}), createdBy: FACILITATOR_AUTHOR, createdAt: now + i }),
          );
          if (made.length > 0) {
            room.transact((doc) => {
              const { items } = roots(doc);
              for (const item of made) items.set(item.id, item);
            }, "items-import");
            await room.settle();
          }
          return {
            created: made.map((item, i) => ({ id: item.id, line: list.adding[i]!.line, text: item.text })),
            skipped: list.items.flatMap((entry) =>
              entry.duplicateOf !== null && !list.adding.includes(entry) ? [{ line: entry.line, text: entry.text, duplicateOf: entry.duplicateOf }] : [],
            ),
          };
        });
        logger.info("items imported", { room: board.id, created: added.created.length, skipped: added.skipped.length });
        sendJson(res, 201, added);
      },
    },
  ];
}
