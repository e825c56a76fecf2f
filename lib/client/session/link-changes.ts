import type { ReplacedKeys } from "../../api/link-control";
import { forgetBoardKey, keyName, rememberBoardLinks, type BoardLinks } from "./board-keys";
import { forgetSeat } from "./board-seats";
import { forgetLocalCopies } from "./local-copies";
import { forgetRecentBoard, recentKeyFor } from "./recent-boards";
import { tabStorage } from "./storage";

/*
 * What this browser keeps and forgets when the facilitator replaces a link or deletes a board: apart
 * from ./board-keys.ts, which every board page loads, since only those moments need it.
 */

/**
 * Keeps the links after the facilitator replaced one: the new one in place of the old, here and on
 * this device. A link the server did not give back (a board from before links could be replaced)
 * stays as it was. Returns the links now kept.
 */
export function rememberReplacedLinks(id: string, earlier: BoardLinks, replaced: ReplacedKeys): BoardLinks {
  const links = {
    facilitate: replaced.links.facilitate,
    join: replaced.links.join ?? earlier.join,
    view: replaced.links.view ?? earlier.view,
  };
  rememberBoardLinks({ id, links });
  return links;
}

/**
 * After the facilitator replaced the key this tab came with: the tab and this device's recent boards
 * forget it, but only that key. The same browser may hold a stronger key of the board (the
 * facilitator's own, beside the presenter window that was let go), and it stays.
 */
export function forgetReplacedKey(id: string, key: string): void {
  if (tabStorage.get(keyName(id)) === key) tabStorage.remove(keyName(id));
  if (tabStorage.get(keyName(id, true)) === key) tabStorage.remove(keyName(id, true));
  if (recentKeyFor(id) === key) forgetRecentBoard(id);
}

const DELETED_NAME = "cruxboard:deleted-board";

/**
 * After a board was deleted: this device forgets it, its offline copy and seat included. Given the title (the
 * facilitator deleted it in this tab), the home page it goes to next says what happened, once.
 */
export function forgetDeletedBoard(id: string, title?: string): void {
  forgetRecentBoard(id);
  forgetBoardKey(id);
  void forgetLocalCopies(id);
  forgetSeat(id);
  if (title !== undefined) tabStorage.set(DELETED_NAME, title);
}

/** The title of the board just deleted in this tab, once: reading it clears it. */
export function takeDeletedBoardTitle(): string | null {
  const title = tabStorage.get(DELETED_NAME);
  tabStorage.remove(DELETED_NAME);
  return title;
}
