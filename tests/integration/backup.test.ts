import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { placeItem } from "../../lib/board/commands";
import { readBoard } from "../../lib/board/doc";
import type { Placement } from "../../lib/board/schema";
import { openSqliteStore } from "../../server/storage/sqlite";
import { connect, createBoardVia, sleep, startServer, synced, tempDir, type Client, type TestServer } from "./harness";

const ROOT = path.resolve(__dirname, "../..");

/** Runs the backup command as users do, without blocking this process (the server in it keeps serving). */
function runBackup(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _, ...inherited } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts", ...args], { cwd: ROOT, env: { ...inherited, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

let srv: TestServer | null = null;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv?.close();
  srv = null;
});

/** Each run of the command starts a Node process with tsx: seconds on a busy machine. */
const SPAWNS_TIMEOUT_MS = 90_000;

const placementsOf = (doc: Y.Doc): Map<string, Placement> => new Map(readBoard(doc).placements.map((p) => [`${p.item}:${p.participant}`, p]));

describe("npm run backup", () => {
  it("copies the store while clients write, and the copy opens as a store holding every board and every placement written before", async () => {
    srv = await startServer();
    const boards: CreatedBoard[] = [];
    for (let i = 0; i < 3; i++) boards.push(await createBoardVia(srv.url, { title: `Board ${i}` }));
    const writers = await Promise.all(
      boards.map(async (board) => {
        const client = connect(srv!.wsUrl, board.id, board.keys.facilitator);
        clients.push(client);
        await synced(client);
        return { board, client, grid: readBoard(client.doc).meta.grid };
      }),
    );

    // Written and stored before the backup begins: these must all be in the copy.
    for (const { client, grid } of writers) {
      for (let p = 0; p < 12; p++) placeItem(client.doc, { item: "rlhf", participant: `before${p}`, col: (p % 3) + 0.5, row: 0.25 }, grid);
    }
    // Settled: applied and stored. The server holds every one of them before the backup starts.
    const storedCount = async (board: CreatedBoard) => srv!.server.rooms.withSettledRoom(board.id, (room) => room.doc.getMap("placements").size);
    for (const { board } of writers) {
      for (const started = Date.now(); (await storedCount(board)) < 12; await sleep(10)) {
        if (Date.now() - started > 5000) throw new Error("timed out waiting for the server to store the placements");
      }
    }
    const written = writers.map(({ client }) => placementsOf(client.doc));

    // Clients keep writing during the backup: new placements, and moves of ones made meanwhile.
    let tick = 0;
    const during = setInterval(() => {
      tick++;
      for (const { client, grid } of writers) placeItem(client.doc, { item: "scaling", participant: `during${tick % 40}`, col: (tick % 30) / 10, row: 1.5 }, grid);
    }, 5);
    const file = path.join(tempDir("cruxboard-backup-"), "copy.sqlite");
    const accepted = srv.server.metrics.updatesAccepted;
    let result;
    try {
      result = await runBackup([file], { DATA_DIR: srv.dir });
    } finally {
      clearInterval(during);
    }
    expect(srv.server.metrics.updatesAccepted).toBeGreaterThan(accepted);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`to ${file}: 3 boards, 0 snapshots, ${fs.statSync(file).size} bytes.`);

    const copy = openSqliteStore({ file });
    try {
      expect((await copy.listBoards()).map((b) => b.id).sort()).toEqual(boards.map((b) => b.id).sort());
      for (const [i, { board }] of writers.entries()) {
        expect(await copy.getBoard(board.id)).toMatchObject({ id: board.id, participantKey: board.keys.participant });
        const doc = new Y.Doc();
        for (const update of (await copy.loadDoc(board.id)).updates) Y.applyUpdate(doc, update);
        const held = placementsOf(doc);
        expect(readBoard(doc).meta.title).toBe(`Board ${i}`);
        for (const [key, placement] of written[i]!) expect(held.get(key)).toEqual(placement);
        // What was written during the backup is there or not, but never half: each is a value some client wrote.
        for (const [key, placement] of held) {
          if (!written[i]!.has(key)) expect(placement).toMatchObject({ item: "scaling", row: 1.5 });
        }
      }
    } finally {
      await copy.close();
    }
  }, SPAWNS_TIMEOUT_MS);

  it("refuses to overwrite a file without --force, and replaces it with --force", async () => {
    srv = await startServer();
    const board = await createBoardVia(srv.url, { title: "One" });
    await srv.server.rooms.withSettledRoom(board.id, () => undefined);
    const file = path.join(tempDir("cruxboard-backup-"), "copy.sqlite");
    fs.writeFileSync(file, "an older backup");

    const refused = await runBackup([file], { DATA_DIR: srv.dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file} already exists; pass --force to replace it`);
    expect(fs.readFileSync(file, "utf8")).toBe("an older backup");

    const forced = await runBackup([file, "--force"], { DATA_DIR: srv.dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("1 board, 0 snapshots");
    const copy = openSqliteStore({ file });
    expect(await copy.getBoard(board.id)).not.toBeNull();
    await copy.close();
  }, SPAWNS_TIMEOUT_MS);

  it("says clearly when there is no store, the target cannot be written, or the store is Postgres", async () => {
    const empty = tempDir();
    const nothing = await runBackup([path.join(empty, "copy.sqlite")], { DATA_DIR: empty });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain(`there is no SQLite store at ${path.join(empty, "cruxboard.sqlite")}`);
    expect(fs.existsSync(path.join(empty, "copy.sqlite"))).toBe(false);

    srv = await startServer();
    const unwritable = await runBackup([path.join(empty, "missing-dir", "copy.sqlite")], { DATA_DIR: srv.dir });
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain(`cannot write to ${path.join(empty, "missing-dir")}`);

    const postgres = await runBackup([path.join(empty, "copy.sqlite")], { DATA_DIR: srv.dir, DATABASE_URL: "postgres://cruxboard@127.0.0.1:5432/cruxboard" });
    expect(postgres.code).not.toBe(0);
    expect(postgres.stderr).toContain("pg_dump");
    expect(fs.existsSync(path.join(empty, "copy.sqlite"))).toBe(false);

    const usage = await runBackup([], { DATA_DIR: srv.dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: npm run backup -- <file> [--force]");
  }, SPAWNS_TIMEOUT_MS);
});
