import { expect, test, type Browser, type BrowserContext, type Page, type WebSocketRoute } from "@playwright/test";
import { connectParticipant, createBoard, OFFLINE_KEPT_HERE, participantIdIn } from "./support";
import { shotPath } from "./shots";

/*
 * The board kept in the browser. "Offline" here is the sync connection being
 * unreachable while the pages themselves still load: a reload with the whole
 * network gone could not fetch the page at all (there is no service worker).
 */

const tray = (page: Page) => page.getByRole("region", { name: "Your notes to place" });
const chip = (page: Page, text: string) => tray(page).getByRole("button", { name: new RegExp(`^${text}`) });
const cell = (page: Page, name: string) => page.getByRole("gridcell", { name, exact: true });
const myAiControl = (page: Page) => cell(page, "Behaviorist science, Pessimistic-case").getByRole("button", { name: "AI control, your placement" });

/** The names of this origin's IndexedDB databases that hold a copy of a board. */
const boardCopies = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith("cruxboard:board:") ? [db.name] : [])).sort());

/** A context whose sync connections can be cut: while `reachable()` is false, every new one is refused. */
async function cuttableSync(context: BrowserContext) {
  let reachable = true;
  const sockets = new Map<WebSocketRoute, WebSocketRoute>();
  await context.routeWebSocket(/\/sync\//, (ws) => {
    if (!reachable) return ws.close({ code: 1001, reason: "unreachable (test)" });
    sockets.set(ws, ws.connectToServer());
  });
  return {
    /** Both ends go, as when the network drops and the server notices. */
    async cut() {
      reachable = false;
      for (const [page, server] of sockets) {
        await page.close({ code: 1001, reason: "dropped (test)" });
        await server.close({ code: 1001, reason: "dropped (test)" });
      }
      sockets.clear();
    },
    restore() {
      reachable = true;
    },
  };
}

async function participantContext(browser: Browser, name: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((n) => localStorage.setItem("cruxboard:name", n), name);
  return context;
}

const participantIdOf = (page: Page) =>
  participantIdIn(page);

test("a note placed while the server cannot be reached survives a reload and reaches everyone once it can", async ({ browser, request, baseURL }) => {
  // Three browsers, two reloads and two reconnections with y-websocket's back-off: the longest test here.
  test.setTimeout(180_000);
  const board = await createBoard(request, { title: "Offline and reloaded" });
  const context = await participantContext(browser, "Oli");
  const sync = await cuttableSync(context);
  const viewer = await browser.newContext();
  const bot = await connectParticipant(baseURL!, board, "facilitator");
  try {
    const page = await context.newPage();
    await page.goto(board.links.join);
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect(tray(page)).toBeVisible();
    const id = await participantIdOf(page);
    await expect.poll(() => boardCopies(page)).toEqual([`cruxboard:board:${board.id}:participant`]);

    await sync.cut();
    await expect(page.getByRole("status")).toHaveText(OFFLINE_KEPT_HERE);
    await chip(page, "AI control").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(myAiControl(page)).toBeVisible();
    await page.screenshot({ path: shotPath("offline-desktop.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shotPath("offline-phone.png") });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Reloaded with the server still out of reach: the page comes back with the note, from this browser's copy.
    await page.reload();
    await expect(page.getByRole("status")).toHaveText(OFFLINE_KEPT_HERE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offline and reloaded");
    await expect(myAiControl(page)).toBeVisible();
    // The template's items are there once each, not once from the copy and once more from anywhere else.
    await expect(chip(page, "Scaling")).toHaveCount(1);
    expect(bot.board().placements.some((p) => p.participant === id)).toBe(false);

    sync.restore();
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id)?.item).toBe("ai-control");
    expect(bot.board().items.filter((i) => i.id === "ai-control")).toHaveLength(1);

    // Another browser sees it, and a viewer's browser keeps no copy of the board at all.
    const watching = await viewer.newPage();
    await watching.goto(board.links.view);
    await expect(watching.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect(cell(watching, "Behaviorist science, Pessimistic-case")).toHaveAccessibleDescription(/^1 item placed here by the group/);
    expect(await boardCopies(watching)).toEqual([]);

    // Now sent, it stays sent: a further reload changes nothing on the board.
    await page.reload();
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect(myAiControl(page)).toBeVisible();
    expect(bot.board().placements.filter((p) => p.participant === id)).toHaveLength(1);
  } finally {
    bot.close();
    await viewer.close();
    await context.close();
  }
});

test("a note placed offline on a board that was locked meanwhile is refused, and the copy in the browser is corrected too", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Locked while away" });
  const context = await participantContext(browser, "Ria");
  const sync = await cuttableSync(context);
  const bot = await connectParticipant(baseURL!, board, "facilitator");
  try {
    const page = await context.newPage();
    await page.goto(board.links.join);
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect(tray(page)).toBeVisible();
    const id = await participantIdOf(page);

    await sync.cut();
    await expect(page.getByRole("status")).toHaveText(OFFLINE_KEPT_HERE);
    await chip(page, "AI control").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(myAiControl(page)).toBeVisible();
    bot.lock(true);
    await page.reload();
    await expect(myAiControl(page)).toBeVisible();

    sync.restore();
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect(myAiControl(page)).toHaveCount(0);
    expect(bot.board().placements.some((p) => p.participant === id)).toBe(false);
    // The note that jumped back is explained, briefly and politely.
    await expect(page.getByText("The facilitator has locked the board, so your last change was not saved.")).toBeVisible();
    await page.screenshot({ path: shotPath("refused-change-desktop.png") });

    // The copy kept here was brought back in step with the board: offline again, the note is not there.
    await sync.cut();
    await page.reload();
    await expect(page.getByRole("status")).toHaveText(OFFLINE_KEPT_HERE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Locked while away");
    await expect(myAiControl(page)).toHaveCount(0);
    await expect(chip(page, "AI control")).toBeVisible();
  } finally {
    bot.close();
    await context.close();
  }
});

test("Forget on the home page deletes the board's copy in this browser", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Forget me" });
  const context = await participantContext(browser, "Fen");
  try {
    const page = await context.newPage();
    await page.goto(board.links.join);
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect(tray(page)).toBeVisible();
    await expect.poll(() => boardCopies(page)).toEqual([`cruxboard:board:${board.id}:participant`]);

    await page.goto("/");
    const forget = page.getByRole("region", { name: "Recent boards" }).getByRole("button", { name: "Forget Forget me" });
    await forget.click();
    await expect(forget).toHaveCount(0);
    await expect.poll(() => boardCopies(page)).toEqual([]);
  } finally {
    await context.close();
  }
});

test("a board the server does not know leaves no copy behind", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Known" });
  // The same shape as a real id, and unknown to the server.
  const unknown = [...board.id].reverse().join("");
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto("/");
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => {
            open.result.close();
            resolve();
          };
          open.onerror = () => reject(new Error("could not open"));
        }),
      `cruxboard:board:${unknown}:participant`,
    );
    expect(await boardCopies(page)).toEqual([`cruxboard:board:${unknown}:participant`]);

    await page.goto(`/b/${unknown}?key=${board.keys.participant}`);
    await expect(page.getByRole("heading", { name: "This board does not exist" })).toBeVisible();
    await expect.poll(() => boardCopies(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
