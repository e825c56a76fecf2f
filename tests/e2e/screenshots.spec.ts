import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { connectParticipant, createBoard } from "./support";

// Test runs write to test-results; `SCREENSHOTS=docs npm run test:e2e` refreshes the committed ones.
const OUT = path.resolve(process.env.SCREENSHOTS === "docs" ? "docs/screenshots" : "test-results/screenshots");

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
  { name: "projector", width: 1920, height: 1080 },
] as const;

/** Nothing may stick out sideways: on a phone that is a page you have to pan. */
async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("screenshots for docs/screenshots", () => {
  for (const viewport of VIEWPORTS) {
    test(`${viewport.name} ${viewport.width}×${viewport.height}`, async ({ browser, request, baseURL }) => {
      const board = await createBoard(request, { title: "Reading group: Defining alignment research" });
      const bot = await connectParticipant(baseURL!, board);
      try {
        const people = [
          { id: "p-ada", name: "Ada", color: "#0ea5e9" },
          { id: "p-bo", name: "Bo", color: "#f43f5e" },
          { id: "p-cy", name: "Cy", color: "#f59e0b" },
        ];
        for (const p of people) bot.join(p.id, p.name, p.color);
        bot.place("scaling", "p-ada", 0.4, 0.3);
        bot.place("scaling", "p-bo", 0.6, 0.5);
        bot.place("rlhf", "p-ada", 1.5, 0.5);
        bot.place("rlhf", "p-bo", 0.5, 0.4);
        bot.place("rlhf", "p-cy", 1.2, 1.6);
        bot.place("ai-control", "p-cy", 2.5, 1.5);
        bot.place("mechanistic-interpretability", "p-ada", 1.5, 2.5);
      } finally {
        bot.close();
      }

      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      try {
        const page = await context.newPage();
        await page.goto("/");
        await expect(page.getByRole("button", { name: "Create board" })).toBeVisible();
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: path.join(OUT, `home-${viewport.name}.png`), fullPage: true });

        // The creator's view, with the invite links, as a facilitator sees it right after creating.
        await page.evaluate((b) => sessionStorage.setItem(`cruxboard:links:${b.id}`, JSON.stringify(b.links)), board);
        await page.goto(board.links.facilitate);
        await expect(page.getByRole("status")).toHaveText("Live");
        await expect(page.getByText("3 participants")).toBeVisible();
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: path.join(OUT, `board-${viewport.name}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
});
