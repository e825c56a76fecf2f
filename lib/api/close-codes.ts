/**
 * Websocket close codes a page acts on (public contract v1 additions). Both are in 4400–4499, which the
 * stock y-websocket client treats as final: it stops reconnecting, since trying again cannot help.
 */
/** The key of this connection was replaced by the facilitator: the link it came from no longer opens the board. */
export const CLOSE_LINK_REPLACED = 4401;
/** The facilitator deleted the board. */
export const CLOSE_BOARD_DELETED = 4410;
/** The facilitator removed this person from the board: their seat no longer writes. */
export const CLOSE_SEAT_REMOVED = 4411;
