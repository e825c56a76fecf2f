import { expect, test, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { createBoard } from "./support";
import { shotPath } from "./shots";

const SCREENS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

for (const screen of SCREENS) {
  test(`the facilitator's first screen says what to do first, ${screen.name} ${screen.width}×${screen.height}`, async ({ browser, request }) => {
    const board = await createBoard(request, { title: "Reading group: Defining alignment research" });
    const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, hasTouch: screen.name === "phone" });
    try {
      const page = await context.newPage();
      // As right after creating it: this browser holds the board's links.
      await page.goto("/");
      await page.evaluate((b) => sessionStorage.setItem(`cruxboard:links:${b.id}`, JSON.stringify(b.links)), board);
      await page.goto(board.links.facilitate);
      await expect(page.getByRole("status")).toHaveText("Live");

      // Nothing is asked first; inviting people and the projector are on the first screen, and so are the controls.
      await expect(page.getByLabel("Your name", { exact: true })).toHaveCount(0);
      const inView = async (name: string, role: "textbox" | "link" | "button" | "toolbar") => {
        const box = await page.getByRole(role, { name }).boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.y + box!.height, `${name} is on the first screen`).toBeLessThanOrEqual(screen.height);
      };
      await inView("Participant link", "textbox");
      await inView("Copy participant link", "button");
      await inView("Open the presenter view", "link");
      await inView("I’m placing too", "button");
      if (screen.name === "desktop") await inView("Facilitator controls", "toolbar");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: shotPath(`facilitator-first-${screen.name}.png`, true) });
      // Every link, one click away; for looking at, not for the docs.
      await page.getByRole("button", { name: "All links" }).click();
      await expect(page.getByRole("textbox", { name: "Viewer link" })).toBeVisible();
      await page.screenshot({ path: shotPath(`facilitator-all-links-${screen.name}.png`) });
      await page.getByRole("button", { name: "I’m placing too" }).click();
      await expect(page.getByLabel("Your name")).toBeFocused();
      await page.screenshot({ path: shotPath(`facilitator-placing-too-${screen.name}.png`) });
    } finally {
      await context.close();
    }
  });
}

/** The facilitator's page in the tab that created the board, which holds its links. */
async function openWithLinks(page: Page, board: CreatedBoard) {
  await page.goto("/");
  await page.evaluate((b) => sessionStorage.setItem(`cruxboard:links:${b.id}`, JSON.stringify(b.links)), board);
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");
}

test("“All links” and “Fewer links” are one button, so the keyboard stays on it", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Links by keyboard" });
  await openWithLinks(page, board);
  await page.getByRole("button", { name: "All links" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Viewer link" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Fewer links" })).toBeFocused();
  await expect(page.getByRole("button", { name: "Fewer links" })).toHaveAttribute("aria-expanded", "true");
  await page.screenshot({ path: shotPath("facilitator-fewer-links-focused.png") });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Viewer link" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "All links" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Open the presenter view" })).toBeVisible();
});

test("cancelling “I’m placing too” brings the keyboard back to it", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Placing, or not" });
  await openWithLinks(page, board);
  await page.getByRole("button", { name: "I’m placing too" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Your name")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Start placing" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Your name", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "I’m placing too" })).toBeFocused();
});
