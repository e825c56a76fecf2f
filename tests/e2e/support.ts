import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CreateBoardBody, CreatedBoard } from "../../lib/api/schemas";
import { addItem, joinParticipant, placeItem, setMeta } from "../../lib/board/commands";
import { readBoard, roots } from "../../lib/board/doc";
import type { Meta } from "../../lib/board/schema";

export async function createBoard(request: APIRequestContext, body: CreateBoardBody = {}): Promise<CreatedBoard> {
  const res = await request.post("/api/boards", { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as CreatedBoard;
}

/** Fails on WCAG 2 A/AA violations that axe rates serious or critical, listing each with its nodes. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(serious, serious.join("\n")).toEqual([]);
}

export const boardIdOf = (page: Page): string => new URL(page.url()).pathname.split("/")[2] ?? "";

/**
 * A second participant outside the browser: a stock y-websocket client in
 * Node writing through lib/board, as a bot or another device would.
 */
export async function connectParticipant(baseURL: string, board: CreatedBoard, role: "participant" | "facilitator" = "participant") {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(baseURL.replace(/^http/, "ws") + "/sync", board.id, doc, {
    params: { key: board.keys[role] },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await expect.poll(() => provider.synced, { message: "participant client syncs" }).toBe(true);
  return {
    join(id: string, name: string, color: string, joinedAt = Date.now()) {
      joinParticipant(doc, { id, name, color, joinedAt });
    },
    place(item: string, participant: string, col: number, row: number, reason?: string) {
      placeItem(doc, { item, participant, col, row, ...(reason === undefined ? {} : { reason }) }, readBoard(doc).meta.grid);
    },
    addItem(id: string, text: string, createdBy = "p-bot") {
      addItem(doc, { id, text, createdBy, createdAt: Date.now() });
    },
    /** The board as this client has it now. */
    board: () => readBoard(doc),
    /** Only takes effect with the facilitator's key; the server refuses it from anyone else. */
    lock(locked: boolean) {
      setMeta(doc, "locked", locked);
    },
    /** Writes a meta value as it is, unchecked: what a newer version of Cruxboard might store. Facilitator's key only. */
    writeRawMeta(field: string, value: unknown) {
      doc.transact(() => roots(doc).meta.set(field, value));
    },
    /** How many participant entries the document holds, read or not. */
    storedParticipants: () => roots(doc).participants.size,
    /** Facilitator's key only, as lock. Times (the timer's) are the server's clock: this machine's, in tests. */
    setMeta<K extends keyof Meta>(field: K, value: Meta[K]) {
      setMeta(doc, field, value);
    },
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * A person on another device: a fresh browser context with a remembered name.
 * On a participant link that name joins at once; on the facilitator's link it
 * does not (the facilitator runs the board; see placeToo). Close the context when done.
 */
export async function openAs(
  browser: Browser,
  link: string,
  name: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; participantId(): Promise<string> }> {
  const context = await browser.newContext(options);
  await context.addInitScript((n) => localStorage.setItem("cruxboard:name", n), name);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { name: "Here now" })).toBeVisible();
  return {
    context,
    page,
    participantId: () =>
      page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith("cruxboard:participant:"));
        return key ? localStorage.getItem(key)! : "";
      }),
  };
}

/**
 * The facilitator chooses to place too: "I’m placing too", then the name the
 * page asks for (the device's remembered one is offered), and their tray appears.
 */
export async function placeToo(page: Page, name?: string): Promise<void> {
  await page.getByRole("button", { name: "I’m placing too" }).click();
  if (name !== undefined) await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Start placing" }).click();
  await expect(page.getByRole("region", { name: "Your notes to place" })).toBeVisible();
}
