import { afterEach } from "vitest";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connect, takeSeatVia, type Client } from "../integration/harness";
import { items } from "../integration/in-process-nodes";

/** A client that took a seat: it writes as `participant`. */
export type SeatedJoin = Client & { participant: string; seat: string };

const joined: Client[] = [];
afterEach(() => {
  for (const c of joined.splice(0)) c.destroy();
});

/**
 * People joining in-process nodes (../integration/in-process-nodes.ts): a seat taken on the node
 * with the participant key, then a stock client connected there with it. Destroyed after each test.
 */
export function seatedJoin(nodes: ReadonlyArray<{ url: string; wsUrl: string }>, board: CreatedBoard) {
  return async (node: number, name: string): Promise<SeatedJoin> => {
    const { participant, seat } = await takeSeatVia(nodes[node]!.url, board, name);
    const c = connect(nodes[node]!.wsUrl, board.id, board.keys.participant, new Y.Doc(), seat);
    joined.push(c);
    return Object.assign(c, { participant: participant.id, seat });
  };
}

/** An item of the person's own, written straight into the document as a client does. */
export const ownNote = (c: SeatedJoin, id: string, text: string) => items(c).set(id, { id, text, createdBy: c.participant, createdAt: 1 });
