import { expect, test, type Locator } from "@playwright/test";
import { connectParticipant, createBoard, openAs } from "./support";
import { cell, tray } from "./placing-support";
import { shotPath } from "./shots";

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

test("“Stop focusing” in the focus bar hands the keyboard on to the grid's heading, where the bar stood", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Stop focusing by keyboard" });
  const host = await connectParticipant(baseURL!, board, "facilitator");
  host.join("p-hal", "Hal", "#059669");
  host.place("rlhf", "p-hal", 1.5, 0.5);
  try {
    await page.goto(board.links.facilitate);
    await expect(page.getByRole("status")).toHaveText("Live");
    const bar = page.getByRole("region", { name: "Facilitator focus" });
    const gridHeading = page.getByRole("heading", { name: "The grid", exact: true });

    // A focus started elsewhere (another tab of the facilitator's), with no item panel open here.
    host.setMeta("focus", "rlhf");
    await bar.getByRole("button", { name: "Stop focusing" }).focus();
    await page.keyboard.press("Enter");
    await expect(bar).toHaveCount(0);
    await expect(gridHeading).toBeFocused();
    await expect.poll(() => host.board().meta.focus).toBeNull();

    // Started from the item's panel: the panel's own button turns over and keeps the keyboard…
    await page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^RLHF/ }).focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("region", { name: "RLHF" });
    await expect(panel.getByRole("heading", { name: "RLHF" })).toBeFocused();
    await panel.getByRole("button", { name: "Focus everyone here" }).focus();
    await page.keyboard.press("Enter");
    await expect(panel.getByRole("button", { name: "Stop focusing" })).toBeFocused();
    await expect.poll(() => host.board().meta.focus).toBe("rlhf");
    // …and the bar's, above the grid, still goes on to the grid's heading, just below it.
    await bar.getByRole("button", { name: "Stop focusing" }).focus();
    await page.keyboard.press("Enter");
    await expect(bar).toHaveCount(0);
    await expect(gridHeading).toBeFocused();
    await expect(panel.getByRole("button", { name: "Focus everyone here" })).toBeVisible();
    await page.screenshot({ path: shotPath("focus-stopped-grid-heading.png") });
    await expect.poll(() => host.board().meta.focus).toBeNull();
  } finally {
    host.close();
  }
});

test("an item panel takes the keyboard when it opens, but not from somewhere the person has already moved it", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Panel focus" });
  const host = await connectParticipant(baseURL!, board, "facilitator");
  host.join("p-hal", "Hal", "#059669");
  host.place("rlhf", "p-hal", 1.5, 0.5);
  host.place("scaling", "p-hal", 0.5, 2.5);
  try {
    await page.goto(board.links.facilitate);
    await expect(page.getByRole("status")).toHaveText("Live");
    const contested = page.getByRole("list", { name: "Most contested" });
    // Opened from the keyboard, the panel's heading takes it once the panel is drawn.
    await contested.getByRole("button", { name: /^RLHF/ }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region", { name: "RLHF" }).getByRole("heading", { name: "RLHF" })).toBeFocused();
    // Opening another item and moving on before the next frame: the keyboard stays where it was put.
    const kept = await contested.getByRole("button", { name: /^Scaling/ }).evaluate((opener) => {
      (opener as HTMLElement).click();
      const elsewhere = document.querySelector<HTMLElement>("[data-cell]")!;
      elsewhere.focus();
      return new Promise<boolean>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(document.activeElement === elsewhere))));
    });
    expect(kept).toBe(true);
    await expect(page.getByRole("region", { name: "Scaling" })).toBeVisible();
    await expect(page.locator("[data-cell]").first()).toBeFocused();
  } finally {
    host.close();
  }
});

/** A box in the viewport's coordinates. */
const boxOf = (locator: Locator) => locator.evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);

test("a grid cell the keyboard moves to on a phone is scrolled clear of the docked tray, never left under it", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Under the tray" });
  const kim = await openAs(browser, board.links.join, "Kim", PHONE);
  try {
    const page = kim.page;
    const dock = tray(page);
    await expect(dock).toHaveAttribute("data-docked", "");
    const rows = await page.locator("[data-cell$=':0']").count();
    const above = cell(page, rows - 2, 0);
    const bottom = cell(page, rows - 1, 0);

    // The bottom row scrolled to the foot of the screen, where the docked tray covers it.
    await above.focus();
    await bottom.evaluate((element) => window.scrollBy({ top: element.getBoundingClientRect().bottom - (window.innerHeight - 4), behavior: "instant" }));
    const before = await boxOf(bottom);
    const dockBefore = await boxOf(dock);
    expect(before.bottom, "the bottom row is on screen").toBeLessThanOrEqual(PHONE.viewport.height);
    expect(before.bottom, "the bottom row starts under the tray").toBeGreaterThan(dockBefore.top);
    await expect(above).toBeFocused();

    await page.keyboard.press("ArrowDown");
    await expect(bottom).toBeFocused();
    await page.screenshot({ path: shotPath("phone-focused-cell-above-tray.png") });
    const after = await boxOf(bottom);
    const dockAfter = await boxOf(dock);
    expect(dockAfter.bottom, "the tray is still docked at the foot of the screen").toBeCloseTo(PHONE.viewport.height, 0);
    expect(after.bottom, "the focused cell is above the tray").toBeLessThanOrEqual(dockAfter.top + 0.5);
    const header = await boxOf(page.locator("header[data-sticky]"));
    expect(after.top, "and below the sticky header").toBeGreaterThanOrEqual(header.bottom - 0.5);
  } finally {
    await kim.context.close();
  }
});
