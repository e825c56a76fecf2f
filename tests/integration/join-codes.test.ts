import { afterEach, describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, type CreatedBoard } from "../../lib/api/schemas";
import { createServer, type ServerLimits } from "../../server/index";
import { silentLogger } from "../../server/log";
import { openSqliteStore } from "../../server/storage/sqlite";
import { createBoardVia, tempDir } from "./harness";

const HOUR = 3_600_000;

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

/** A real server on port 0 whose join codes expire by a clock the test moves. */
async function startAt(clock: { now: number }, limits: Partial<ServerLimits> = {}, dir = tempDir()) {
  const store = openSqliteStore({ dir });
  const server = createServer({ store, logger: silentLogger, limits: { roomIdleMs: 60_000, ...limits }, now: () => clock.now });
  const { port } = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  running.push(server);
  return { url, dir, store, close: () => server.close() };
}

const issue = (url: string, board: CreatedBoard, key = board.keys.facilitator) =>
  fetch(`${url}/api/boards/${board.id}/codes?key=${encodeURIComponent(key)}`, { method: "POST" });
const join = (url: string, code: string) => fetch(`${url}/api/join/${encodeURIComponent(code)}`);

async function codeFor(url: string, board: CreatedBoard): Promise<{ code: string; expiresAt: string }> {
  const res = await issue(url, board);
  expect(res.status).toBe(201);
  return (await res.json()) as { code: string; expiresAt: string };
}

/** A code of the right form that was not issued. */
const unusedCode = (issued: string) => (issued === "CCCCCC" ? "DDDDDD" : "CCCCCC");

describe("join codes", () => {
  it("are issued to the facilitator (201) and lead to the current participant link, however the code is typed", async () => {
    const clock = { now: Date.UTC(2026, 11, 6, 9) };
    const { url } = await startAt(clock);
    const board = await createBoardVia(url);
    const res = await issue(url, board);
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(board.keys.facilitator);
    const { code, expiresAt } = JSON.parse(text) as { code: string; expiresAt: string };
    expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(code).not.toMatch(/[0O1IL5S2Z8B]/);
    // Twelve hours by default.
    expect(Date.parse(expiresAt)).toBe(clock.now + 12 * HOUR);

    for (const typed of [code, code.toLowerCase(), ` ${code.slice(0, 3)}-${code.slice(3)} `, `${code.slice(0, 3)} ${code.slice(3).toLowerCase()}`]) {
      const found = await join(url, typed);
      expect(found.status, typed).toBe(200);
      const body = (await found.json()) as { id: string; link: string };
      expect(body).toEqual({ id: board.id, link: board.links.join });
      expect(JSON.stringify(body)).not.toContain(board.keys.facilitator);
    }
  });

  it("are refused to the other keys (403), without a key (401) and for an unknown board (404)", async () => {
    const { url } = await startAt({ now: Date.now() });
    const board = await createBoardVia(url);
    expect((await issue(url, board, board.keys.participant)).status).toBe(403);
    expect((await issue(url, board, board.keys.viewer)).status).toBe(403);
    expect((await fetch(`${url}/api/boards/${board.id}/codes`, { method: "POST" })).status).toBe(401);
    const unknown = await fetch(`${url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA/codes?key=${board.keys.facilitator}`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "unknown board" });
  });

  it("answer 404 for a code nobody issued", async () => {
    const { url } = await startAt({ now: Date.now() });
    const board = await createBoardVia(url);
    const { code } = await codeFor(url, board);
    const res = await join(url, unusedCode(code));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "unknown code" });
    expect((await join(url, "not a code at all")).status).toBe(404);
  });

  it("expire after the configured time (410), and fresh ones keep working", async () => {
    const clock = { now: Date.UTC(2026, 11, 6, 9) };
    const { url } = await startAt(clock, { joinCodeTtlMs: 90 * 60_000 });
    const board = await createBoardVia(url);
    const first = await codeFor(url, board);
    expect(Date.parse(first.expiresAt)).toBe(clock.now + 90 * 60_000);
    clock.now += 90 * 60_000 - 1;
    expect((await join(url, first.code)).status).toBe(200);
    clock.now += 1;
    const expired = await join(url, first.code);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: string }).error).toMatch(/expired/);
    const fresh = await codeFor(url, board);
    expect(fresh.code).not.toBe(first.code);
    expect((await join(url, fresh.code)).status).toBe(200);
  });

  it("answer 429 with Retry-After after too many wrong codes from one address, even for a right one", async () => {
    const { url } = await startAt({ now: Date.now() }, { joinGuesses: 3, joinGuessWindowMs: 120_000 });
    const board = await createBoardVia(url);
    const { code } = await codeFor(url, board);
    // Right codes are not counted against anyone.
    for (let i = 0; i < 5; i++) expect((await join(url, code)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await join(url, unusedCode(code))).status).toBe(404);
    const limited = await join(url, unusedCode(code));
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(120);
    expect(((await limited.json()) as { error: string }).error).toMatch(/too many/);
    expect((await join(url, code)).status).toBe(429);
  });

  it("survive a restart, and are refused with a reason for boards made before join codes", async () => {
    const clock = { now: Date.now() };
    const first = await startAt(clock);
    const board = await createBoardVia(first.url);
    const { code } = await codeFor(first.url, board);
    await first.close();
    const again = await startAt(clock, {}, first.dir);
    const res = await join(again.url, code);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { link: string }).link).toBe(board.links.join);

    // A board stored without its participant key, as every board was before join codes.
    const old = { ...board, id: "oldboard0123456789abcd" };
    const current = await again.store.getBoard(board.id);
    await again.store.createBoard({ id: old.id, createdAt: 1, keyHashes: current!.keyHashes }, new Uint8Array([0, 0]));
    const refused = await issue(again.url, old);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/participant link/);
  });
});
