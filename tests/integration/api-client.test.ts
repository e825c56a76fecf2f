import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JOIN_CODE_ALPHABET } from "../../lib/api/schemas";
import { checkAccess } from "../../lib/client/access";
import { createBoard, importBoard } from "../../lib/client/boards";
import { measureClockOffset } from "../../lib/client/clock";
import { ApiFailure, describeError } from "../../lib/client/http";
import { issueJoinCode, lookUpJoinCode } from "../../lib/client/join-codes";
import { NOW, fetchHistory, fetchSnapshot, fetchSnapshotList, saveRound, takeSnapshot } from "../../lib/client/snapshots";
import { createServer, type ServerLimits } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { tempDir } from "./harness";

/*
 * The browser's API client against a real server on port 0. The client asks
 * for paths ("/api/boards") as a page does; `servedFrom` resolves them against
 * the server's address, as the browser resolves them against the page's.
 */
const realFetch = globalThis.fetch;
const servedFrom = (origin: string) =>
  vi.stubGlobal("fetch", (input: string | URL, init?: RequestInit) => realFetch(new URL(String(input), origin), init));

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const close of closers.splice(0)) await close();
});

async function start(limits: Partial<ServerLimits> = {}, clock = { now: Date.now() }) {
  const server = createServer({ store: openSqliteStore({ dir: tempDir() }), logger: silentLogger, limits: { roomIdleMs: 60_000, ...limits }, now: () => clock.now });
  const { port } = await server.listen(0, "127.0.0.1");
  const origin = `http://127.0.0.1:${port}`;
  closers.push(() => server.close());
  servedFrom(origin);
  return { origin, close: () => server.close() };
}

/** A real HTTP server that answers every request with `body`: what a proxy or an old server might send. */
async function answering(status: number, body: string, headers: Record<string, string> = {}): Promise<void> {
  const server = http.createServer((_req, res) => res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  servedFrom(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

const failureOf = async (promise: Promise<unknown>): Promise<ApiFailure> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  return error as ApiFailure;
};

describe("boards", () => {
  beforeEach(() => start({ maxBodyBytes: 64 * 1024 }));

  it("creates a board and reads its keys and links", async () => {
    const board = await createBoard({ title: "Reading group" });
    expect(Object.keys(board.keys).sort()).toEqual(["facilitator", "participant", "viewer"]);
    expect(board.links.facilitate).toBe(`/b/${board.id}?key=${board.keys.facilitator}`);
    expect(await checkAccess(board.id, board.keys.participant)).toEqual({ kind: "ok", role: "participant" });
  });

  it("says what the server refused, with the field it is about", async () => {
    const failure = await failureOf(createBoard({ title: "x".repeat(500) }));
    expect(failure.status).toBe(400);
    expect(failure.body?.path).toBe("title");
    expect(describeError(failure, "The board could not be created")).toMatch(/^The board could not be created: title: Too big/);
  });

  it("imports an exported board, and names the first bad path of a bad file", async () => {
    const board = await createBoard({ title: "Exported" });
    const exported = await fetchSnapshot(board.id, board.keys.viewer, NOW);
    const copy = await importBoard(exported);
    expect(copy.id).not.toBe(board.id);
    const bad = await failureOf(importBoard({ ...exported, items: [{ ...exported.items[0], text: "" }] }));
    expect(describeError(bad, "The board could not be imported")).toMatch(/^The board could not be imported: items\[0\]\.text: /);
  });

  it("passes on the server's words for a body that is too large (413)", async () => {
    const failure = await failureOf(importBoard({ padding: "x".repeat(70 * 1024) }));
    expect(failure.status).toBe(413);
    expect(describeError(failure, "The board could not be imported")).toBe("The board could not be imported: body is larger than the 65536-byte limit");
  });

  it("tells a missing, a wrong and an unknown key's board apart", async () => {
    const board = await createBoard({});
    expect(await checkAccess(board.id, null)).toEqual({ kind: "denied", reason: "missing-key" });
    expect(await checkAccess(board.id, "not-a-key")).toEqual({ kind: "denied", reason: "wrong-key" });
    expect(await checkAccess("no-such-board", board.keys.viewer)).toEqual({ kind: "denied", reason: "unknown-board" });
  });
});

describe("snapshots and history", () => {
  beforeEach(() => start());

  it("takes, lists and reads snapshots, and reads the timeline", async () => {
    const board = await createBoard({ title: "Week 5" });
    const taken = await takeSnapshot(board.id, board.keys.facilitator, "Before the break");
    await saveRound(board.id, board.keys.facilitator, 1);
    const list = await fetchSnapshotList(board.id, board.keys.viewer);
    expect(list.map((s) => s.name)).toEqual(["Before the break", "Round 1"]);
    expect(list[0]).toEqual(taken);
    const snapshot = await fetchSnapshot(board.id, board.keys.viewer, taken.id);
    expect(snapshot.board.title).toBe("Week 5");
    const history = await fetchHistory(board.id, board.keys.viewer);
    expect(history.boardId).toBe(board.id);
    expect(history.final.meta.title).toBe("Week 5");
  });

  it("puts each refusal in words a person reads", async () => {
    const board = await createBoard({});
    const words = async (promise: Promise<unknown>) => describeError(await failureOf(promise));
    expect(await words(fetchSnapshot(board.id, board.keys.viewer, "no-such-snapshot"))).toBe("This snapshot does not exist.");
    expect(await words(fetchSnapshotList("no-such-board", board.keys.viewer))).toBe("This board does not exist.");
    expect(await words(fetchSnapshotList(board.id, "wrong"))).toBe("This key does not open this board.");
    expect(await words(fetchHistory(board.id, ""))).toBe("This key does not open this board.");
    expect(await words(takeSnapshot(board.id, board.keys.participant))).toBe("Only the facilitator's key can do this.");
  });

  it("passes an abort on as it is", async () => {
    const board = await createBoard({});
    const abort = new AbortController();
    abort.abort();
    await expect(fetchSnapshotList(board.id, board.keys.viewer, abort.signal)).rejects.toHaveProperty("name", "AbortError");
  });
});

describe("join codes", () => {
  it("issues a code to the facilitator and finds the board by it, however it is typed", async () => {
    await start();
    const board = await createBoard({});
    const issued = await issueJoinCode(board.id, board.keys.facilitator);
    expect([...issued.code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
    const typed = `${issued.code.slice(0, 3).toLowerCase()}-${issued.code.slice(3)}`;
    expect(await lookUpJoinCode(typed)).toEqual({ kind: "found", link: board.links.join });
    expect(describeError(await failureOf(issueJoinCode(board.id, board.keys.participant)))).toBe("Only the facilitator's key can do this.");
  });

  it("tells an unknown, an expired and a rate-limited code apart, with how long to wait", async () => {
    const clock = { now: Date.UTC(2026, 11, 6, 9) };
    await start({ joinCodeTtlMs: 60_000, joinGuesses: 2, joinGuessWindowMs: 90_000 }, clock);
    const board = await createBoard({});
    const issued = await issueJoinCode(board.id, board.keys.facilitator);
    clock.now += 60_000;
    expect(await lookUpJoinCode(issued.code)).toEqual({ kind: "expired" });
    const unused = issued.code === "CCCCCC" ? "DDDDDD" : "CCCCCC";
    expect(await lookUpJoinCode(unused)).toEqual({ kind: "unknown" });
    expect(await lookUpJoinCode(unused)).toEqual({ kind: "unknown" });
    const limited = await lookUpJoinCode(unused);
    expect(limited).toMatchObject({ kind: "limited" });
    expect(limited.kind === "limited" && limited.retryAfterSeconds).toBeGreaterThan(60);
  });
});

describe("what is not an answer", () => {
  it("reads the server's clock", async () => {
    await start();
    expect(Math.abs(await measureClockOffset(3))).toBeLessThan(1000);
  });

  it("says so when the server cannot be reached", async () => {
    const { close } = await start();
    await close();
    const failure = await failureOf(createBoard({}));
    expect(failure.failure).toEqual({ kind: "unreachable" });
    expect(describeError(failure)).toBe("The server could not be reached.");
    expect(describeError(failure, "The board could not be created")).toBe(
      "The board could not be created. The server could not be reached. Check your connection and try again.",
    );
    expect(await checkAccess("some-board", "key")).toEqual({ kind: "unreachable", detail: "The server could not be reached." });
    expect(await lookUpJoinCode("KXT49M")).toEqual({ kind: "unreachable", detail: "The server could not be reached." });
  });

  it("refuses an answer that does not match its schema", async () => {
    await answering(200, JSON.stringify({ now: "soon", role: "owner", id: "b", link: "https://elsewhere.example/b/b?key=k" }));
    await expect(measureClockOffset(2)).rejects.toThrow("The server sent a time this page does not understand.");
    expect(await checkAccess("b", "k")).toEqual({ kind: "unreachable", detail: "The server sent an answer this page does not understand." });
    // A join code must only ever lead to one of our own board pages.
    expect(await lookUpJoinCode("KXT49M")).toEqual({ kind: "unreachable", detail: "The server sent an answer this page does not understand." });
    expect(describeError(await failureOf(fetchSnapshotList("b", "k")))).toBe("The server sent a list of snapshots this page does not understand.");
  });

  it("words a crash with its status", async () => {
    await answering(500, JSON.stringify({ error: "internal error" }));
    expect(describeError(await failureOf(fetchHistory("b", "k")))).toBe("The server answered 500: internal error.");
    expect(await checkAccess("b", "k")).toEqual({ kind: "unreachable", detail: "The server answered 500: internal error." });
  });

  it("words a 429 with the wait it was given", async () => {
    await answering(429, JSON.stringify({ error: "slow down" }), { "Retry-After": "90" });
    expect(describeError(await failureOf(takeSnapshot("b", "k")))).toBe("Too many tries. Wait 90 seconds, then try again.");
    expect(await lookUpJoinCode("KXT49M")).toEqual({ kind: "limited", retryAfterSeconds: 90 });
  });
});
