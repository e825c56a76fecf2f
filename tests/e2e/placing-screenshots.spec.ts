import { expect, test, type Page } from "@playwright/test";
import { connectParticipant, createBoard, openAs } from "./support";
import { shotPath } from "./shots";

// Test runs write to test-results; `SCREENSHOTS=docs npx playwright test tests/e2e/placing-screenshots.spec.ts` refreshes the committed ones.

const PEOPLE = [
  { id: "p-ada", name: "Ada", color: "#2563eb" },
  { id: "p-bo", name: "Bo", color: "#db2777" },
  { id: "p-cy", name: "Cy", color: "#059669" },
];
/** The others' placements so far: enough for centres and spreads to show, as in a session under way. */
const OTHERS: Record<string, Array<[number, number]>> = {
  scaling: [[0.3, 0.4], [0.6, 0.3], [0.8, 0.6]],
  rlhf: [[1.4, 0.5], [0.6, 0.4], [1.7, 1.3]],
  "scalable-oversight": [[1.5, 1.5], [1.2, 1.8], [2.4, 1.6]],
  "ai-control": [[2.6, 1.5], [2.2, 1.2], [2.8, 1.7]],
  "agent-foundations": [[2.6, 2.6], [2.3, 2.4], [2.8, 2.7]],
};

async function boardUnderWay(request: Parameters<typeof createBoard>[0], baseURL: string) {
  const board = await createBoard(request, { title: "Reading group: Defining alignment research" });
  const bot = await connectParticipant(baseURL, board);
  for (const p of PEOPLE) bot.join(p.id, p.name, p.color);
  for (const [item, spots] of Object.entries(OTHERS)) spots.forEach(([col, row], i) => bot.place(item, PEOPLE[i]!.id, col, row));
  return { board, bot };
}

/** Places the tray's next notes by tapping them and then their cell, as a person on a phone does. */
async function tapPlace(page: Page, cells: Array<[row: number, col: number, fx: number, fy: number]>) {
  for (const [row, col, fx, fy] of cells) {
    await page.locator("[data-tray-item]").first().tap();
    const box = (await page.locator(`[data-cell="${row}:${col}"]`).boundingBox())!;
    await page.touchscreen.tap(box.x + box.width * fx, box.y + box.height * fy);
    await expect(page.locator(`[data-cell="${row}:${col}"] [data-note]`).first()).toBeAttached();
  }
}

test.describe("screenshots of placing for docs/screenshots", () => {
  test("a phone, upright and sideways, with the tray docked below the grid", async ({ browser, request, baseURL }) => {
    const { board, bot } = await boardUnderWay(request, baseURL!);
    const phone = await openAs(browser, board.links.join, "Sam", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      const { page } = phone;
      await expect(page.locator("[data-dot]")).toHaveCount(15);
      // Four placed, two of them in one cell; another picked up and on its way.
      await tapPlace(page, [
        [0, 0, 0.5, 0.55],
        [0, 1, 0.35, 0.6],
        [0, 2, 0.5, 0.5],
        [0, 1, 0.6, 0.35],
      ]);
      await page.locator('[data-tray-item="ai-control"]').tap();
      await expect(page.locator("[data-tray-item][aria-pressed=true]")).toHaveCount(1);
      await page.screenshot({ path: shotPath("placing-phone.png", true) });

      await page.setViewportSize({ width: 844, height: 390 });
      await page.locator("[data-tray-item][aria-pressed=true]").tap();
      await page.locator("[data-tray-item]").first().tap();
      await expect(page.locator("[data-tray-item][aria-pressed=true]")).toHaveCount(1);
      await page.screenshot({ path: shotPath("placing-phone-landscape.png", true) });
    } finally {
      bot.close();
      await phone.context.close();
    }
  });

  test("a laptop with nine labelled notes, several in one cell", async ({ browser, request, baseURL }) => {
    const { board, bot } = await boardUnderWay(request, baseURL!);
    const you = await openAs(browser, board.links.join, "Sam", { viewport: { width: 1280, height: 800 } });
    try {
      const { page } = you;
      await expect(page.locator("[data-dot]")).toHaveCount(15);
      while ((await page.evaluate(() => document.activeElement?.getAttribute("data-tray-item") ?? null)) === null) await page.keyboard.press("Tab");
      // Scaling, RLHF, Adversarial robustness, Optimization science, Scalable oversight, AI control, the two interpretabilities, Agent foundations.
      const moves = [
        ["ArrowUp", "ArrowLeft"],
        ["ArrowUp"],
        ["ArrowUp", "ArrowRight"],
        ["ArrowLeft"],
        [],
        [],
        ["Shift+ArrowDown"],
        ["Shift+ArrowUp", "Shift+ArrowRight"],
        ["ArrowDown", "ArrowRight"],
      ];
      for (const keys of moves) {
        await page.keyboard.press("Enter");
        for (const key of keys) await page.keyboard.press(key);
        await page.keyboard.press("Enter");
      }
      await expect(page.locator("[data-note]")).toHaveCount(9);
      // Nothing selected or hovered: everyone's labels show.
      await page.getByRole("button", { name: /^Close details of/ }).click();
      await page.mouse.move(5, 5);
      await page.getByRole("heading", { name: "The grid" }).evaluate((h) => h.scrollIntoView({ block: "start" }));
      await page.evaluate(() => window.scrollBy(0, -12));
      await page.screenshot({ path: shotPath("placing-laptop.png", true) });
    } finally {
      bot.close();
      await you.context.close();
    }
  });
});
