import fs from "node:fs";
import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connectParticipant, createBoard, OFFLINE_KEPT_HERE } from "./support";
import { freePort, killHard, startAppServer, tempDataDir, type AppServer } from "./server-process";

/**
 * A stock y-websocket client that writes to the Y.Doc directly, as a buggy or
 * hostile third-party client could, with none of lib/board's validation.
 */
async function connectRaw(baseURL: string, board: CreatedBoard, key: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(baseURL.replace(/^http/, "ws") + "/sync", board.id, doc, {
    params: { key },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await expect.poll(() => provider.synced, { message: "raw client syncs" }).toBe(true);
  return {
    doc,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Who placed each item, as the server's JSON export has it. */
async function exportedPlacements(url: string, board: CreatedBoard): Promise<Map<string, string[]>> {
  const res = await fetch(`${url}/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`);
  expect(res.status).toBe(200);
  const snapshot = (await res.json()) as { items: Array<{ id: string; placements: Array<{ participant: string }> }> };
  return new Map(snapshot.items.map((i) => [i.id, i.placements.map((p) => p.participant)]));
}

test("reconnect after the server restarts", async ({ page, playwright }) => {
  // Two cold starts of the app plus y-websocket's reconnect back-off.
  test.setTimeout(120_000);
  // The browser reconnects to the origin it loaded, so the restarted server must come back on this port.
  const port = await freePort();
  const dataDir = tempDataDir("e2e-restart");
  let server: AppServer = await startAppServer(port, dataDir);
  try {
    const api = await playwright.request.newContext({ baseURL: server.url });
    const board = await createBoard(api, { title: "Survives a restart" });
    await api.dispose();

    await page.goto(server.url + board.links.facilitate);
    const status = page.getByRole("status");
    const title = page.getByRole("heading", { level: 1 });
    const contested = page.getByRole("list", { name: "Most contested" });
    await expect(status).toHaveText("Live");
    await expect(title).toHaveText("Survives a restart");

    const before = await connectParticipant(server.url, board);
    try {
      before.join("p-ada", "Ada", "#0ea5e9");
      before.place("rlhf", "p-ada", 2.4, 0.5);
      await expect(contested).toContainText("RLHF");
    } finally {
      // Gone before the crash, so only the page and the server's disk hold the placement afterwards.
      before.close();
    }

    await killHard(server);
    await expect(status).toHaveText(OFFLINE_KEPT_HERE);
    await expect(title).toHaveText("Survives a restart");
    await expect(contested).toContainText("RLHF");

    // The page is kept off the network until the restarted server has been read: it holds the placement
    // too, and would hand it back on reconnecting, so only a read before that shows what the disk kept.
    await page.context().setOffline(true);
    server = await startAppServer(port, dataDir);
    const openConnections = async () => Number(/^cruxboard_connections (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);
    const fromDisk = await exportedPlacements(server.url, board);
    expect(fromDisk.get("rlhf")).toEqual([before.idOf("p-ada")]);
    expect(await openConnections()).toBe(0);
    await page.context().setOffline(false);
    // No reload: the page's own provider finds the server again; its back-off reaches a few seconds.
    await expect(status).toHaveText("Live", { timeout: 15_000 });
    expect(await openConnections()).toBeGreaterThan(0);
    await expect(title).toHaveText("Survives a restart");
    await expect(contested).toContainText("RLHF");

    const after = await connectParticipant(server.url, board);
    try {
      after.join("p-bo", "Bo", "#f43f5e");
      after.place("scaling", "p-bo", 0.5, 2.5);
      await expect(contested.getByRole("listitem")).toHaveCount(2);
      await expect(contested).toContainText("Scaling");
    } finally {
      after.close();
    }

    const placedBy = await exportedPlacements(server.url, board);
    expect(placedBy.get("rlhf")).toEqual([before.idOf("p-ada")]);
    expect(placedBy.get("scaling")).toEqual([after.idOf("p-bo")]);
  } finally {
    await killHard(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a garbage entry written by a raw client does not break the page", async ({ page, request, baseURL }) => {
  const pageErrors: Error[] = [];
  page.on("pageerror", (err) => pageErrors.push(err));
  const board = await createBoard(request, { title: "Garbage in" });
  await page.goto(board.links.facilitate);
  const status = page.getByRole("status");
  await expect(status).toHaveText("Live");

  // Each entry in its own transaction, so each travels as its own update and is judged alone.
  const now = Date.now();
  const junk: Array<[root: string, key: string, value: unknown]> = [
    ["placements", "rlhf:p-x", { item: "rlhf", participant: "p-x", col: "far", row: -5 }],
    ["placements", "nope:p-x", { item: "nope", participant: "p-x", col: 1, row: 1, at: now }],
    // Off this 3×3 board's grid, though on a grid a board may have had: kept by the server, skipped by readers.
    ["placements", "scaling:p-x", { item: "scaling", participant: "p-x", col: 4.5, row: 0, at: now }],
    // A valid-looking value under the wrong key would otherwise count towards RLHF.
    ["placements", "ai-control:p-y", { item: "rlhf", participant: "p-y", col: 1, row: 1, at: now }],
    ["items", "junk", 42],
    ["items", "ghost", { id: "ghost", text: "Ghost item", createdBy: 7 }],
    ["participants", "p-bad", { name: 7 }],
    ["participants", "p-ghost", { id: "p-ghost", name: "Ghost participant", color: "red", joinedAt: now }],
  ];
  // With the facilitator's key: a participant's connection writes only its own person's entries (seats).
  const raw = await connectRaw(baseURL!, board, board.keys.facilitator);
  const observer = await connectRaw(baseURL!, board, board.keys.viewer);
  try {
    for (const [root, key, value] of junk) raw.doc.getMap(root).set(key, value);
    // Roles guard meta and the document's structure, not the shape of values: the server keeps and relays all of it.
    // (A placement off every grid a board can have is refused: tests/integration/placement-range.test.ts.)
    await expect
      .poll(() => junk.map(([root, key]) => observer.doc.getMap(root).get(key)), { message: "another client receives the junk" })
      .toEqual(junk.map(([, , value]) => value));
  } finally {
    raw.close();
    observer.close();
  }

  const bot = await connectParticipant(baseURL!, board);
  let ada = "";
  try {
    bot.join("p-ada", "Ada", "#0ea5e9");
    bot.place("rlhf", "p-ada", 2.4, 0.5);
    // The page applies updates in order, so once this shows, it has read every junk entry too.
    const entries = page.getByRole("list", { name: "Most contested" }).getByRole("listitem");
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toContainText("RLHF");
    // Neither the junk participants nor the placement filed under the wrong key count.
    await expect(entries.first()).toContainText(/placed by 1 of 1/i);
    await bot.settled();
    ada = bot.idOf("p-ada");
  } finally {
    bot.close();
  }

  await expect(status).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Garbage in");
  await expect(page.getByText("1 participant", { exact: false })).toBeVisible();
  for (const text of ["far", "Ghost item", "Ghost participant"]) {
    await expect(page.getByText(text, { exact: true })).toHaveCount(0);
  }
  // "far" also occurs in the page's own copy ("how far the group disagrees"), so only the junk names are searched for everywhere.
  await expect(page.locator("body")).not.toContainText("Ghost");
  expect(pageErrors.map((e) => e.message)).toEqual([]);

  const res = await request.get(`/api/boards/${board.id}/export?format=json&key=${board.keys.facilitator}`);
  expect(res.status()).toBe(200);
  const snapshot = (await res.json()) as {
    format: string;
    participants: Array<{ id: string }>;
    items: Array<{ id: string; placements: Array<{ participant: string }> }>;
  };
  expect(snapshot.format).toBe("cruxboard-snapshot");
  expect(snapshot.participants.map((p) => p.id)).toEqual([ada]);
  expect(snapshot.items.map((i) => i.id)).not.toContain("junk");
  expect(snapshot.items.map((i) => i.id)).not.toContain("ghost");
  expect(snapshot.items).toHaveLength(9);
  const placements = snapshot.items.flatMap((i) => i.placements.map((p) => `${i.id}:${p.participant}`));
  expect(placements).toEqual([`rlhf:${ada}`]);
});
