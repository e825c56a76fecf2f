import * as decoding from "lib0/decoding";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { DEFAULT_ROOM_LIMITS } from "../../server/sync/limits";
import { MESSAGE_AUTH, encodeSyncUpdate } from "../../server/sync/protocol";
import { boardFixture, storedBlobs, synced, trackCloses, waitFor } from "./harness";
import { items, note } from "./in-process-nodes";

/**
 * A connection whose updates are refused again and again (a participant without a seat, which may
 * read but not write) is let go with 4429 once it passes `maxRefusals`; what it sent reaches
 * nobody and is never stored.
 */
const fx = boardFixture();

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});

const MARKER = "refused-content-7f3a";
const holdsMarker = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(MARKER);

describe("a connection whose updates keep being refused", () => {
  it(`is closed with 4429 after ${DEFAULT_ROOM_LIMITS.maxRefusals} refusals, and what it sent is neither relayed nor stored`, async () => {
    const writer = trackCloses(await fx.seated("Writer"), "writer");
    const watcher = trackCloses(fx.connect(fx.board.keys.viewer), "watcher");
    await Promise.all([synced(writer), synced(watcher)]);
    const reachedWatcher: Uint8Array[] = [];
    watcher.doc.on("update", (update: Uint8Array) => reachedWatcher.push(update));

    // The participant key without a seat: a stock client's edits, sent one message each.
    const ws = new WebSocket(`${fx.srv.wsUrl}/sync/${fx.board.id}?key=${fx.board.keys.participant}`);
    sockets.push(ws);
    await new Promise((resolve) => ws.once("open", resolve));
    let closed: { code: number; reason: string } | null = null;
    ws.once("close", (code, reason) => (closed = { code, reason: reason.toString() }));
    const denials: string[] = [];
    ws.on("message", (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MESSAGE_AUTH) return;
      decoding.readVarUint(d);
      denials.push(decoding.readVarString(d));
    });
    const doc = new Y.Doc();
    doc.on("update", (update: Uint8Array) => ws.send(encodeSyncUpdate(update)));
    let n = 0;
    const edit = () => {
      const id = `refused-${++n}`;
      doc.getMap("items").set(id, { id, text: `${MARKER} ${n}`, createdBy: "p1", createdAt: 1 });
    };

    const limit = DEFAULT_ROOM_LIMITS.maxRefusals;
    for (let i = 0; i < limit; i++) edit();
    await waitFor(() => denials.length === limit, `${limit} refusals answered`, 10_000);
    expect(denials.every((reason) => /no seat/.test(reason))).toBe(true);
    expect(ws.readyState).toBe(WebSocket.OPEN);

    edit();
    await waitFor(() => closed !== null, "closed at the refusal past the limit");
    expect(closed).toMatchObject({ code: 4429, reason: expect.stringMatching(/^too many refused updates/) });

    // An honest change after it, relayed in order: everything before it has reached the watcher.
    note(writer, "honest", "an honest note");
    await waitFor(() => items(watcher).has("honest"), "the honest change reaches the watcher");
    expect(reachedWatcher.filter(holdsMarker)).toEqual([]);
    expect([...items(watcher).keys()].filter((k) => k.startsWith("refused-"))).toEqual([]);
    expect([...writer.closes, ...watcher.closes]).toEqual([]);

    await fx.srv.server.rooms.withSettledRoom(fx.board.id, () => undefined);
    const rows = storedBlobs(fx.srv.dir, fx.board.id, ["updates", "history"]);
    expect(rows.some((r) => r.includes("an honest note")), "the store holds the honest change").toBe(true);
    expect(rows.filter(holdsMarker)).toEqual([]);
  });
});
