import { expect, test, type Locator } from "@playwright/test";
import { cell, essayCell, focusedTrayItem, reachablePoint, tray } from "./placing-support";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs } from "./support";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const LANDSCAPE = { viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test("nine notes placed from the keyboard alone take at most four keys each, into the essay's cells", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Keyboard only" });
  const you = await openAs(browser, board.links.join, "Kai", { viewport: { width: 1280, height: 800 } });
  const bot = await connectParticipant(baseURL!, board);
  let presses = 0;
  const press = async (key: string) => {
    presses++;
    await you.page.keyboard.press(key);
  };
  try {
    const { page } = you;
    const id = await you.participantId();
    // From the top of the page, Tab to the first note of the tray.
    while ((await focusedTrayItem(page)) === null) {
      expect(presses, "Tabs to reach the tray").toBeLessThan(8);
      await press("Tab");
    }
    for (let placed = 0; placed < 9; placed++) {
      const item = await focusedTrayItem(page);
      expect(item, `a tray note has focus before placement ${placed + 1}`).not.toBeNull();
      const target = essayCell.get(item!)!;
      await press("Enter");
      // A picked-up note starts in the middle cell.
      await expect(cell(page, 1, 1)).toBeFocused();
      for (let r = 1; r < target.row; r++) await press("ArrowDown");
      for (let r = 1; r > target.row; r--) await press("ArrowUp");
      for (let c = 1; c < target.col; c++) await press("ArrowRight");
      for (let c = 1; c > target.col; c--) await press("ArrowLeft");
      await press("Enter");
      await expect(cell(page, target.row, target.col).locator(`[data-note="${item}"]`)).toBeVisible();
      if (placed < 8) {
        // Focus is on the next note at once, and a screen reader hears which.
        await expect.poll(() => focusedTrayItem(page)).not.toBeNull();
        await expect(page.locator("[aria-live=polite]").filter({ hasText: /^Placed .* Next: / })).toHaveCount(1);
      }
    }
    await expect(page.locator("[aria-live=polite]").filter({ hasText: "That was your last note." })).toHaveCount(1);
    expect(presses).toBeLessThanOrEqual(36);
    // The board has them where the essay puts them.
    await expect.poll(() => bot.board().placements.filter((p) => p.participant === id).length).toBe(9);
    for (const p of bot.board().placements.filter((p) => p.participant === id)) {
      expect({ item: p.item, row: Math.floor(p.row), col: Math.floor(p.col) }).toEqual({ item: p.item, ...essayCell.get(p.item) });
    }
    test.info().annotations.push({ type: "measured", description: `nine keyboard placements took ${presses} key presses` });
  } finally {
    bot.close();
    await you.context.close();
  }
});

test("on a phone every note is placed with two taps and no scrolling: the tray is docked below the grid", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Phone placing" });
  const phone = await openAs(browser, board.links.join, "Pia", PHONE);
  const bot = await connectParticipant(baseURL!, board);
  let taps = 0;
  const tap = async (target: Locator, what: string) => {
    // The person sees it and can reach it where it is: the test never scrolls.
    let point: { x: number; y: number } | null = null;
    await expect.poll(async () => (point = await reachablePoint(target)), { message: `${what} is on screen, uncovered` }).not.toBeNull();
    taps++;
    await phone.page.touchscreen.tap(point!.x, point!.y);
  };
  try {
    const { page } = phone;
    const id = await phone.participantId();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    for (let placed = 0; placed < 9; placed++) {
      // The next note is the first in the docked tray.
      const note = tray(page).locator("[data-tray-item]").first();
      const item = (await note.getAttribute("data-tray-item"))!;
      await tap(note, `the tray's note ${item}`);
      await expect(note).toHaveAttribute("aria-pressed", "true");
      // The docked tray, mid-placement, passes an accessibility scan.
      if (placed === 0) await expectNoSeriousA11yViolations(page);
      const target = essayCell.get(item)!;
      await tap(cell(page, target.row, target.col), `the cell for ${item}`);
      await expect(cell(page, target.row, target.col).locator(`[data-note="${item}"]`)).toBeAttached();
    }
    expect(taps).toBeLessThanOrEqual(18);
    test.info().annotations.push({ type: "measured", description: `nine phone placements took ${taps} taps` });
    await expect(tray(page)).toContainText("9 of 9 placed");
    await expect.poll(() => bot.board().placements.filter((p) => p.participant === id).length).toBe(9);
    for (const p of bot.board().placements.filter((p) => p.participant === id)) {
      expect({ item: p.item, row: Math.floor(p.row), col: Math.floor(p.col) }).toEqual({ item: p.item, ...essayCell.get(p.item) });
    }
  } finally {
    bot.close();
    await phone.context.close();
  }
});

test("on a phone held sideways, a note held at the bottom edge scrolls the page until it can be dropped in the bottom row", async ({
  browser,
  request,
  baseURL,
}) => {
  const board = await createBoard(request, { title: "Landscape" });
  const phone = await openAs(browser, board.links.join, "Lan", LANDSCAPE);
  const bot = await connectParticipant(baseURL!, board);
  try {
    const { page } = phone;
    const id = await phone.participantId();
    const cdp = await phone.context.newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove", x: number, y: number) =>
      cdp.send("Input.dispatchTouchEvent", { type, touchPoints: [{ x, y }] });

    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
    // The bottom row starts out of reach: below the docked tray, off the screen.
    expect(await reachablePoint(cell(page, 2, 1))).toBeNull();
    const chip = tray(page).locator("[data-tray-item]").first();
    const item = (await chip.getAttribute("data-tray-item"))!;
    const start = (await reachablePoint(chip))!;
    expect(start).not.toBeNull();
    const dockTop = (await tray(page).boundingBox())!.y;

    // Up out of the tray (a drag, not a sideways scroll of the tray), then down to just above it, and hold there.
    await touch("touchStart", start.x, start.y);
    for (let i = 1; i <= 6; i++) await touch("touchMove", start.x, start.y - i * 25);
    await expect(page.locator(".drag-ghost")).toBeAttached();
    // Two fifths into the edge zone (64 px deep): slow enough to stop when the row arrives.
    const hold = { x: 420, y: dockTop - 40 };
    for (let i = 1; i <= 6; i++) await touch("touchMove", start.x + ((hold.x - start.x) * i) / 6, start.y - 150 + ((hold.y - start.y + 150) * i) / 6);
    // The note rides a little above the finger; wait until the page has brought the bottom row under it.
    const pin = { x: hold.x, y: hold.y - 36 };
    await expect
      .poll(() => page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("[data-cell]")?.getAttribute("data-cell") ?? null, pin), {
        message: "the bottom row comes under the held note",
        timeout: 8000,
        intervals: [50],
      })
      .toMatch(/^2:/);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect(page.locator(".drag-ghost")).toHaveCount(0);

    await expect.poll(() => bot.board().placements.find((p) => p.participant === id && p.item === item)?.row).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  } finally {
    bot.close();
    await phone.context.close();
  }
});

test("a note picked up on a short screen brings the whole grid's top just below the sticky header, not under it", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Short screen" });
  const phone = await openAs(browser, board.links.join, "Lan", LANDSCAPE);
  try {
    const { page } = phone;
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
    await tray(page).locator("[data-tray-item]").first().tap();
    // The grid is taller than the space between header and tray: its top goes where it can be read.
    await expect.poll(() => page.evaluate(() => window.scrollY), { message: "the page scrolls to the grid" }).toBeGreaterThan(0);
    const header = (await page.locator("header[data-sticky]").boundingBox())!;
    const grid = (await page.getByRole("grid").boundingBox())!;
    expect(grid.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect(grid.y).toBeLessThan(header.y + header.height + 24);
  } finally {
    await phone.context.close();
  }
});
