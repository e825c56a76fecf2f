import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CLOSE_BOARD_DELETED, CLOSE_LINK_REPLACED, CLOSE_SEAT_REMOVED } from "../../lib/api/close-codes";
import { ReplacedKeysSchema } from "../../lib/api/link-control";
import { createRedisBus } from "../../server/bus/redis";
import type { Bus } from "../../server/bus/types";
import { silentLogger } from "../../server/log";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import { connect, synced, waitFor, type Client } from "../integration/harness";
import { cluster } from "../integration/in-process-nodes";
import { freshRedisPrefix } from "../services";
import { seatedJoin } from "./seated-join";

/** Two servers in one process, on one store, joined by Redis Streams under this run's own prefix. */
const redis = freshRedisPrefix();
afterAll(() => redis.clear());

const twoRedisBuses = (): Promise<Bus[]> =>
  Promise.all([0, 1].map((i) => createRedisBus({ url: redis.url, prefix: redis.prefix, logger: silentLogger, nodeId: `links-${i}` })));

const finalCloses = (c: Client) => {
  const seen: number[] = [];
  c.provider.on("closed", ({ code }) => void seen.push(code));
  return seen;
};

describe("link control between nodes over Redis", () => {
  it("closes a connection on the other node when its key is replaced, and every connection when the board is deleted", async () => {
    const { nodes, board, join } = await cluster(await twoRedisBuses());
    const old = join(1);
    const facilitator = join(1, board.keys.facilitator);
    await Promise.all([synced(old), synced(facilitator)]);
    const oldCloses = finalCloses(old);
    const facilitatorCloses = finalCloses(facilitator);

    const res = await fetch(`${nodes[0]!.url}/api/boards/${board.id}/keys?key=${board.keys.facilitator}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "participant" }),
    });
    expect(res.status).toBe(200);
    const { keys } = ReplacedKeysSchema.parse(await res.json());
    await waitFor(() => oldCloses.length > 0, "the old key's connection on the other node to be closed");
    expect(oldCloses).toEqual([CLOSE_LINK_REPLACED]);
    const fresh = join(1, keys.participant!);
    await synced(fresh);
    expect(facilitatorCloses).toEqual([]);

    const freshCloses = finalCloses(fresh);
    expect((await fetch(`${nodes[0]!.url}/api/boards/${board.id}?key=${board.keys.facilitator}`, { method: "DELETE" })).status).toBe(204);
    await waitFor(() => facilitatorCloses.length > 0 && freshCloses.length > 0, "the other node's connections to be closed");
    expect([...facilitatorCloses, ...freshCloses]).toEqual([CLOSE_BOARD_DELETED, CLOSE_BOARD_DELETED]);
    await waitFor(() => nodes[1]!.server.rooms.loadedCount === 0, "the room on the other node to be unloaded");
  });

  it("closes a removed person's connection on the other node with 4411, and their seat is refused on both nodes", async () => {
    const { nodes, board, join } = await cluster(await twoRedisBuses());
    const seated = seatedJoin(nodes, board);
    const removed = await seated(1, "Rem");
    const stays = await seated(1, "Stay");
    const facilitator = join(0, board.keys.facilitator);
    await Promise.all([synced(removed), synced(stays), synced(facilitator)]);
    const removedCloses = finalCloses(removed);
    const staysCloses = finalCloses(stays);
    const placedKey = `placed-before:${removed.participant}`;
    const placed = (c: Client) => c.doc.getMap("placements").has(placedKey);
    placeItem(removed.doc, { item: "placed-before", participant: removed.participant, col: 0.5, row: 0.5 }, readBoard(removed.doc).meta.grid);
    await waitFor(() => placed(facilitator), "the person's placement on the other node");

    const res = await fetch(`${nodes[0]!.url}/api/boards/${board.id}/seats/${removed.participant}?key=${board.keys.facilitator}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await waitFor(() => removedCloses.length > 0, "the removed person's connection on the other node to be closed");
    expect(removedCloses).toEqual([CLOSE_SEAT_REMOVED]);

    // Their seat opens nothing any more, on either node: each try is closed with the same code.
    for (const node of nodes) {
      const again = connect(node.wsUrl, board.id, board.keys.participant, new Y.Doc(), removed.seat);
      const againCloses = finalCloses(again);
      try {
        await waitFor(() => againCloses.length > 0, `the removed seat to be refused on ${node.url}`);
        expect(againCloses).toEqual([CLOSE_SEAT_REMOVED]);
      } finally {
        again.destroy();
      }
    }
    // Nobody else was let go, and what they placed stays (the facilitator did not ask to delete it).
    expect(staysCloses).toEqual([]);
    expect(stays.provider.wsconnected).toBe(true);
    expect(placed(facilitator)).toBe(true);
  });
});
