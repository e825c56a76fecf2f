import type * as Y from "yjs";
import { readBoard, type BoardState } from "../../lib/board/doc";
import { HttpError } from "./respond";

/**
 * The board for a file or a timeline. A board this server cannot read (a newer
 * Cruxboard made it) is answered with why, never with an empty or garbled file.
 */
export function readBoardOr409(doc: Y.Doc): BoardState {
  const board = readBoard(doc);
  if (board.unreadable !== undefined) throw new HttpError(409, board.unreadable.message);
  return board;
}
