import { afterEach, beforeEach, vi } from "vitest";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connect, takeSeatVia, type Client } from "./harness";

/** A stock client that took a seat and connected with it: how a person writes since seats (contract v2). */
export type SeatedClient = Client & { participant: string; seat: string };

/**
 * Takes a seat on `board` over HTTP at `url` (an in-process server or one in its own process alike)
 * and connects a stock client at `wsUrl` with it. The caller destroys the client.
 */
export async function seatedClient(url: string, wsUrl: string, board: CreatedBoard, name: string, doc = new Y.Doc()): Promise<SeatedClient> {
  const { participant, seat } = await takeSeatVia(url, board, name);
  const client = connect(wsUrl, board.id, board.keys.participant, doc, seat);
  return Object.assign(client, { participant: participant.id, seat });
}

/** The query string a raw socket writes with as the seated person. */
export const seatQuery = (board: CreatedBoard, seat: string) => `key=${encodeURIComponent(board.keys.participant)}&seat=${encodeURIComponent(seat)}`;

/**
 * For a file whose tests expect refusals: keeps the stock client's "Permission denied to access …"
 * warnings (the server's reason, sent to a refused writer) out of the output, and collects them for
 * the test to read; every other warning still shows. The list is emptied before each test.
 */
export function permissionDenials(): string[] {
  const denied: string[] = [];
  beforeEach(() => {
    denied.length = 0;
    const warn = console.warn.bind(console);
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
      if (typeof args[0] === "string" && args[0].startsWith("Permission denied to access")) denied.push(args[0]);
      else warn(...args);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return denied;
}
