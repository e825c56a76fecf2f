import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { boardFixture, synced, trackCloses, waitFor } from "./harness";
import { items } from "./in-process-nodes";

/**
 * A client whose socket stops reading, on a board someone writes a lot to: once the server's buffer
 * for it passes the limit, the server lets it go with 1013 rather than buffer without bound; the
 * honest clients on the board never notice.
 */
const MAX_BUFFERED = 256 * 1024;
const fx = boardFixture({ maxBufferedBytes: MAX_BUFFERED });

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});

/** A note as big as the board's schema allows (2,000 characters), so a few carry a lot of bytes. */
const LONG_NOTE = "n".repeat(2000);

describe("a client that stops reading", () => {
  it("is closed with 1013 once the server's buffer for it passes the limit, while honest clients keep syncing", async () => {
    const writer = trackCloses(await fx.seated("Writer"), "writer");
    const reader = trackCloses(fx.connect(fx.board.keys.viewer), "reader");
    await Promise.all([synced(writer), synced(reader)]);

    const slow = new WebSocket(`${fx.srv.wsUrl}/sync/${fx.board.id}?key=${fx.board.keys.viewer}`);
    sockets.push(slow);
    await new Promise((resolve) => slow.once("open", resolve));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => slow.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    // From here on nothing is read from the socket: the kernel's buffers fill, then the server's.
    (slow as unknown as { _socket: Socket })._socket.pause();

    const connections = () => fx.srv.server.rooms.withSettledRoom(fx.board.id, (room) => room.connectionCount);
    expect(await connections()).toBe(3);
    // About 100 kB a message; the loop stops once the server has let the slow client go.
    let written = 0;
    for (let chunk = 0; (await connections()) === 3; chunk++) {
      if (written > 64 * MAX_BUFFERED) expect.fail(`the server still buffers for a client that reads nothing after ${written} bytes`);
      let last = "";
      writer.doc.transact(() => {
        for (let i = 0; i < 50; i++) {
          last = `${writer.participant}-${chunk}-${i}`;
          writer.doc.getMap("items").set(last, { id: last, text: `note ${chunk}.${i}`, note: LONG_NOTE, createdBy: writer.participant, createdAt: 1 });
          written += LONG_NOTE.length;
        }
      });
      await waitFor(() => items(reader).has(last), "the honest reader gets every message", 10_000);
    }
    expect(await connections()).toBe(2);

    // The board goes on for everyone else.
    items(writer).set("after", { id: "after", text: "after the slow client left", createdBy: writer.participant, createdAt: 1 });
    await waitFor(() => items(reader).has("after"), "the reader still syncs");
    expect(items(reader).size).toBe(items(writer).size);
    expect([...writer.closes, ...reader.closes]).toEqual([]);

    // Reading again, the slow client gets what was queued for it and then the server's reason.
    (slow as unknown as { _socket: Socket })._socket.resume();
    expect(await closed).toEqual({ code: 1013, reason: "client is not keeping up" });
  });
});
