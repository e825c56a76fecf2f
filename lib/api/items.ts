import { z } from "zod/mini";
import "../zod-messages";
import { DUPLICATE_CHOICES, ITEM_LIST_FORMATS } from "../board/item-list";
import { IdSchema, positiveInt } from "../board/schema";

/*
 * Session prep (a contract v1 addition): the facilitator adds a whole list of items at once, read by
 * lib/board/item-list.ts on the server exactly as the page's preview read it.
 */

/** Two hundred items with their longest notes fit in well under this. */
export const ITEM_LIST_TEXT_MAX = 600_000;

/**
 * `POST /api/boards/<id>/items?key=<facilitator key>`: `text` is the pasted list ("lines": one item a
 * line, a note after a tab or " — ") or a CSV file's contents ("csv": a header row with a `text` and
 * an optional `note` column). Duplicates of the list's earlier lines or of the board's items are
 * left out unless `duplicates` is "add".
 */
export const AddItemsBodySchema = z.strictObject({
  text: z.string().check(z.maxLength(ITEM_LIST_TEXT_MAX, `must be at most ${ITEM_LIST_TEXT_MAX} characters`)),
  format: z.optional(z.enum(ITEM_LIST_FORMATS)),
  duplicates: z.optional(z.enum(DUPLICATE_CHOICES)),
});
export type AddItemsBody = z.infer<typeof AddItemsBodySchema>;

/** A line the import turned down or left out, by its 1-based line number. */
const lineNumber = positiveInt;
export const ItemLineSchema = z.object({ line: lineNumber, message: z.string() });
export type ItemLine = z.infer<typeof ItemLineSchema>;

/**
 * → 201: the items added, in the list's order, and the duplicates left out. A list with any line that
 * cannot be added → 400 `{ error, lines: [{ line, message }] }`, and nothing is added.
 */
export const AddedItemsSchema = z.object({
  created: z.array(z.object({ id: IdSchema, line: lineNumber, text: z.string() })),
  skipped: z.array(z.object({ line: lineNumber, text: z.string(), duplicateOf: z.union([lineNumber, z.literal("board")]) })),
});
export type AddedItems = z.infer<typeof AddedItemsSchema>;
