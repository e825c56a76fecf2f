import type { DuplicateChoice, ItemListFormat } from "../../lib/board/item-list";

/** What the facilitator has typed or loaded into "Add several items"; kept by the page, so closing the dialog loses nothing. */
export interface ItemListDraft {
  text: string;
  format: ItemListFormat;
  duplicates: DuplicateChoice;
}

export const EMPTY_ITEM_LIST_DRAFT: ItemListDraft = { text: "", format: "lines", duplicates: "skip" };
