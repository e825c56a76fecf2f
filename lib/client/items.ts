import { AddedItemsSchema, type AddItemsBody, type AddedItems } from "../api/items";
import { boardPath, callApi } from "./http";

/**
 * Adds a pasted list or a CSV file of items to the board (facilitator key). A list with lines that
 * cannot be added is refused whole: the ApiFailure's body then holds those `lines`.
 */
export const addItemList = (boardId: string, facilitatorKey: string, body: AddItemsBody): Promise<AddedItems> =>
  callApi(boardPath(boardId, "/items", facilitatorKey), { method: "POST", body, expect: 201, schema: AddedItemsSchema, what: "the items added" });
