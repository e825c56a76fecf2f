import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { makeRandom } from "../random";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, readQrOnPage } from "./support";
import { shotPath } from "./shots";

const PROJECTORS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

/** A reading group of twelve, every one of them having placed all nine items. */
const NAMES = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lu"];
const COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#0891b2", "#7c3aed", "#dc2626", "#65a30d", "#c026d3", "#0d9488", "#ea580c", "#4f46e5"];
/** Where the group roughly puts each item (col, row), and how far each person strays from it. */
const CENTRES: Record<string, [number, number, number]> = {
  scaling: [0.5, 0.5, 0.3],
  rlhf: [1.3, 0.6, 0.9],
  "adversarial-robustness": [2.3, 0.7, 0.5],
  "optimization-science": [0.8, 1.4, 0.6],
  "scalable-oversight": [1.6, 1.5, 1.1],
  "ai-control": [2.5, 1.4, 0.4],
  "concept-interpretability": [0.7, 2.3, 0.7],
  "mechanistic-interpretability": [1.4, 2.4, 1.0],
  "agent-foundations": [2.6, 2.6, 0.3],
};

async function seededBoard(request: APIRequestContext, baseURL: string, title: string): Promise<CreatedBoard> {
  const board = await createBoard(request, { title });
  const bot = await connectParticipant(baseURL, board);
  const random = makeRandom(10);
  const clamp = (x: number) => Math.min(2.95, Math.max(0.05, x));
  try {
    NAMES.forEach((name, i) => bot.join(`p-${name.toLowerCase()}`, name, COLORS[i]!));
    for (const [item, [col, row, stray]] of Object.entries(CENTRES)) {
      for (const name of NAMES) {
        bot.place(item, `p-${name.toLowerCase()}`, clamp(col + (random() - 0.5) * 2 * stray), clamp(row + (random() - 0.5) * 2 * stray));
      }
    }
    await expect.poll(() => bot.board().placements.length).toBe(NAMES.length * 9);
  } finally {
    bot.close();
  }
  return board;
}

async function issueCode(request: APIRequestContext, board: CreatedBoard): Promise<{ code: string; expiresAt: string }> {
  const res = await request.post(`/api/boards/${board.id}/codes?key=${board.keys.facilitator}`);
  expect(res.status()).toBe(201);
  return (await res.json()) as { code: string; expiresAt: string };
}

const presenterPath = (board: CreatedBoard, code?: { code: string; expiresAt: string }) =>
  `/b/${board.id}/present?key=${board.keys.viewer}#join=${board.keys.participant}` +
  (code ? `&code=${code.code}&until=${Date.parse(code.expiresAt)}` : "");

/** Where things are on the page, and whether the page itself can scroll. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    };
    const fontPx = (selector: string) => parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
    const root = document.documentElement;
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      scroll: { height: root.scrollHeight, width: root.scrollWidth, y: window.scrollY },
      grid: box('[role="grid"]'),
      qr: box('[aria-label="QR code of the join link"]'),
      dot: box("[data-dot]"),
      code: fontPx("[data-join-code]"),
      label: fontPx("[data-centroid] span:last-child"),
      columnLabel: fontPx('[role="columnheader"] span'),
    };
  });
}

type Layout = Awaited<ReturnType<typeof measure>>;
const inside = (box: Layout["grid"], viewport: Layout["viewport"]) =>
  box.top >= 0 && box.left >= 0 && box.bottom <= viewport.height && box.right <= viewport.width;

test("the presenter's QR code reads the right way round and opens the join link", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Scan me" });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(presenterPath(board, await issueCode(request, board)));
  const qr = page.getByRole("img", { name: "QR code of the join link" });
  await expect(qr).toBeVisible();
  // A screenshot of the code as the projector shows it, read by a reader that does not retry mirror images.
  const text = await readQrOnPage(qr);
  expect(text).toBe(new URL(board.links.join, baseURL).toString());
});

for (const size of PROJECTORS) {
  test(`on a ${size.width}×${size.height} projector the whole board fits without scrolling, sized for the back of the room`, async ({
    page,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const board = await seededBoard(request, baseURL!, "Reading group: Defining alignment research");
    const host = await connectParticipant(baseURL!, board, "facilitator");
    try {
      await page.setViewportSize(size);
      const code = await issueCode(request, board);
      await page.goto(presenterPath(board, code));
      await expect(page.getByRole("status")).toHaveText("Live");
      await expect(page.locator("[data-dot]")).toHaveCount(NAMES.length * 9);
      // The link's keys and code are gone from the address bar.
      expect(new URL(page.url()).search + new URL(page.url()).hash).toBe("");
      const join = page.getByRole("region", { name: "Join on your phone" });
      await expect(join).toContainText(`${new URL(baseURL!).host}/join`);
      await expect(join.locator("[data-join-code]")).toHaveAttribute("data-join-code", code.code);
      await expect(join).toContainText(`${code.code.slice(0, 3)} ${code.code.slice(3)}`);
      await expect(join).toContainText("valid until");
      await expect(join).not.toContainText(board.keys.participant);

      host.setMeta("timer", { endsAt: Date.now() + 4 * 60_000 + 32_000 });
      const timer = page.getByRole("timer");
      await expect(timer).toHaveText(/^4:3\d$/);

      const { height } = size;
      const layout = await measure(page);
      expect(layout.scroll.height, "no vertical scrolling").toBeLessThanOrEqual(layout.viewport.height);
      expect(layout.scroll.width, "no sideways scrolling").toBeLessThanOrEqual(layout.viewport.width);
      expect(inside(layout.grid, layout.viewport), `grid ${JSON.stringify(layout.grid)} inside the screen`).toBe(true);
      expect(inside(layout.qr, layout.viewport), "QR code inside the screen").toBe(true);
      // The grid takes most of the screen; the rest is sized for reading from about ten metres.
      expect(layout.grid.height).toBeGreaterThan(0.7 * height);
      expect(layout.grid.width).toBeGreaterThan(0.55 * size.width);
      expect(layout.qr.width, "QR code").toBeGreaterThanOrEqual(0.3 * height);
      expect(layout.code, "join code letters").toBeGreaterThanOrEqual(0.06 * height);
      expect(layout.dot.width, "placement dots").toBeGreaterThanOrEqual(0.015 * height);
      expect(layout.label, "item labels on the grid").toBeGreaterThanOrEqual(0.018 * height);
      expect(layout.columnLabel, "column labels").toBeGreaterThanOrEqual(0.024 * height);
      const timerPx = await timer.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(timerPx, "timer digits").toBeGreaterThanOrEqual(0.1 * height);

      const name = `${size.width}x${size.height}`;
      await page.screenshot({ path: shotPath(`presenter-${name}.png`, size.width === 1920) });

      // Picking an item shows its details where the list was: nothing scrolls, the QR code stays.
      await page.getByRole("list", { name: "Most contested" }).getByRole("button").first().click();
      await expect(page.getByRole("heading", { level: 2 }).and(page.locator("#detail-heading"))).toBeVisible();
      await expect(page.locator("[data-ring]")).toBeVisible();
      const picked = await measure(page);
      expect(picked.scroll.y).toBe(0);
      expect(picked.scroll.height).toBeLessThanOrEqual(picked.viewport.height);
      expect(inside(picked.qr, picked.viewport), "QR code still inside the screen").toBe(true);
      expect(inside(picked.grid, picked.viewport)).toBe(true);
      await page.screenshot({ path: shotPath(`presenter-item-${name}.png`, size.width === 1280) });
      await expectNoSeriousA11yViolations(page);

      // The same from the grid: the item's centre.
      await page.getByRole("button", { name: /^Close details of/ }).click();
      await expect(page.getByRole("list", { name: "Most contested" })).toBeVisible();
      await page.locator('[data-centroid="agent-foundations"]').click();
      await expect(page.locator("#detail-heading")).toHaveText("Agent foundations");
      expect((await measure(page)).scroll.y).toBe(0);
    } finally {
      host.close();
    }
  });
}

test("the presenter follows the facilitator's focus and shows a blind round's progress, never its placements", async ({ page, request, baseURL }) => {
  const board = await seededBoard(request, baseURL!, "Focus and blind");
  const host = await connectParticipant(baseURL!, board, "facilitator");
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(presenterPath(board));
    await expect(page.getByRole("status")).toHaveText("Live");
    // Without a code the QR code still works, and nothing says otherwise.
    await expect(page.getByRole("region", { name: "Join on your phone" })).toContainText("Scan the code to join.");
    host.setMeta("focus", "rlhf");
    await expect(page.locator("#detail-heading")).toHaveText("RLHF");
    host.setMeta("focus", null);
    await expect(page.getByRole("list", { name: "Most contested" })).toBeVisible();
    host.setMeta("blind", true);
    await expect(page.getByRole("region", { name: "Blind round" })).toContainText("12 of 12");
    await expect(page.locator("[data-dot]")).toHaveCount(0);
  } finally {
    host.close();
  }
});

test("a laptop window smaller than a projector still shows everything, scrolling if it must", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Small window" });
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(presenterPath(board, await issueCode(request, board)));
  await expect(page.getByRole("status")).toHaveText("Live");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("grid")).toBeVisible();
  await page.getByRole("img", { name: "QR code of the join link" }).scrollIntoViewIfNeeded();
  await expect(page.locator("[data-join-code]")).toBeVisible();
});

test("a presenter address without its key never borrows the facilitator key this browser remembers", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Bookmarked" });
  const context = await browser.newContext();
  try {
    // The facilitator's browser: the board is in its recent boards with the facilitator key.
    const host = await context.newPage();
    await host.goto(board.links.facilitate);
    await expect(host.getByRole("status")).toHaveText("Live");
    // The presenter reopened from history or a bookmark: its key left the address bar long ago.
    const projector = await context.newPage();
    const sockets: string[] = [];
    projector.on("websocket", (ws) => sockets.push(ws.url()));
    await projector.goto(`/b/${board.id}/present`);
    // The page has decided (it connects only after its key is accepted): it asks for the link and opened nothing.
    await expect(projector.getByRole("heading", { name: "This link is missing its key" })).toBeVisible();
    expect(sockets).toEqual([]);
  } finally {
    await context.close();
  }
});
