import { expect, test, type Page } from "@playwright/test";
import { connectParticipant, createBoard, openAs } from "./support";
import { shotPath } from "./shots";


const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 1000 },
  { name: "phone", width: 390, height: 844 },
  { name: "projector", width: 1920, height: 1080 },
] as const;

/** Nothing may stick out sideways: on a phone that is a page you have to pan. */
async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A reading group part-way through: five people, seven of the nine items placed, some agreed on, some not. */
const PEOPLE = [
  { id: "p-ada", name: "Ada", color: "#2563eb" },
  { id: "p-bo", name: "Bo", color: "#db2777" },
  { id: "p-cy", name: "Cy", color: "#059669" },
  { id: "p-di", name: "Di", color: "#d97706" },
  { id: "p-ed", name: "Ed", color: "#0891b2" },
];
const SPOTS: Record<string, Array<[number, number]>> = {
  scaling: [[0.3, 0.4], [0.6, 0.3], [0.5, 0.7], [0.8, 0.5], [0.4, 0.2]],
  rlhf: [[1.4, 0.5], [0.6, 0.4], [1.7, 1.3], [2.3, 0.6], [1.2, 0.2]],
  "adversarial-robustness": [[2.5, 0.4], [2.3, 0.7], [2.7, 1.2], [2.4, 0.3], [1.8, 0.5]],
  "scalable-oversight": [[1.5, 1.5], [1.2, 1.8], [2.4, 1.6], [1.6, 2.3], [1.3, 1.4]],
  "ai-control": [[2.6, 1.5], [2.2, 1.2], [2.8, 1.7], [2.5, 1.4]],
  "mechanistic-interpretability": [[1.5, 2.5], [0.4, 2.6], [1.3, 2.2], [2.2, 2.6], [0.7, 2.3]],
  "agent-foundations": [[2.6, 2.6], [2.3, 2.4], [2.8, 2.7]],
};

/** Where the group ends up after talking: RLHF and scalable oversight come together. */
const CONVERGED: Record<string, Array<[number, number]>> = {
  rlhf: [[1.4, 0.5], [1.3, 0.4], [1.6, 0.6], [1.7, 0.5], [1.4, 0.3]],
  "scalable-oversight": [[1.5, 1.5], [1.4, 1.6], [1.7, 1.5], [1.6, 1.7], [1.4, 1.4]],
};

test.describe("screenshots for docs/screenshots", () => {
  // Each one visits every kind of page at its size: the board twice, a snapshot, a comparison and the replay.
  test.describe.configure({ timeout: 180_000 });
  for (const viewport of VIEWPORTS) {
    test(`${viewport.name} ${viewport.width}×${viewport.height}`, async ({ browser, request, baseURL }) => {
      const screen = { viewport: { width: viewport.width, height: viewport.height }, hasTouch: viewport.name === "phone" };
      const empty = await createBoard(request, { title: "Reading group: Defining alignment research" });
      const board = await createBoard(request, { title: "Reading group: Defining alignment research" });
      const bot = await connectParticipant(baseURL!, board);
      try {
        for (const p of PEOPLE) bot.join(p.id, p.name, p.color);
        for (const [item, spots] of Object.entries(SPOTS)) {
          spots.forEach(([col, row], i) => bot.place(item, PEOPLE[i]!.id, col, row));
        }
      } finally {
        bot.close();
      }

      const context = await browser.newContext(screen);
      try {
        const page = await context.newPage();
        await page.goto("/");
        await expect(page.getByRole("button", { name: "Create board" })).toBeVisible();
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: shotPath(`home-${viewport.name}.png`, true), fullPage: true });

        // A new board as its facilitator sees it right after creating it, links included.
        await page.evaluate((b) => sessionStorage.setItem(`cruxboard:links:${b.id}`, JSON.stringify(b.links)), empty);
        await page.evaluate(() => localStorage.setItem("cruxboard:name", "Sam"));
        await page.goto(empty.links.facilitate);
        await expect(page.getByRole("status")).toHaveText("Live");
        await expect(page.getByRole("heading", { name: "Here now" })).toBeVisible();
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: shotPath(`board-empty-${viewport.name}.png`, true) });
      } finally {
        await context.close();
      }

      // The busy board, as a participant who has placed two notes and selected the most contested item.
      const you = await openAs(browser, board.links.join, "Sam", screen);
      try {
        const { page } = you;
        await expect(page.locator("[data-dot]")).toHaveCount(32);
        for (const [item, moves] of [
          ["Scaling", ["Enter"]],
          ["RLHF", ["ArrowRight", "Shift+ArrowRight", "Shift+ArrowRight", "ArrowDown", "Enter"]],
        ] as const) {
          await page.getByRole("region", { name: "Your notes to place" }).getByRole("button", { name: new RegExp(`^${item}`) }).focus();
          await page.keyboard.press("Enter");
          for (const key of moves) await page.keyboard.press(key);
        }
        await expect(page.locator("[data-note]")).toHaveCount(2);
        await page.getByRole("list", { name: "Most contested" }).getByRole("button").first().click();
        await expect(page.locator("[data-ring]")).toBeVisible();
        await expectNoHorizontalOverflow(page);
        if (viewport.name === "phone") {
          await page.getByRole("heading", { name: "The grid" }).scrollIntoViewIfNeeded();
          await page.evaluate(() => window.scrollBy(0, -8));
          await page.screenshot({ path: shotPath(`board-${viewport.name}.png`, true) });
        } else {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: shotPath(`board-${viewport.name}.png`, true) });
        }
        // The whole page, for looking at, not for the docs.
        await page.screenshot({ path: shotPath(`board-full-${viewport.name}.png`), fullPage: true });
      } finally {
        await you.context.close();
      }

      // A snapshot, then the group talks and converges: the snapshot as it was, the comparison and the replay.
      const taken = (await (
        await request.post(`/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, { data: { name: "Before discussion" } })
      ).json()) as { id: string };
      const mover = await connectParticipant(baseURL!, board);
      try {
        for (const [item, spots] of Object.entries(CONVERGED)) spots.forEach(([col, row], i) => mover.place(item, PEOPLE[i]!.id, col, row));
        await expect
          .poll(async () => {
            const now = await (await request.get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json();
            return now.items.find((i: { id: string }) => i.id === "rlhf").placements.find((p: { participant: string }) => p.participant === "p-bo").col;
          })
          .toBe(CONVERGED.rlhf![1]![0]);
      } finally {
        mover.close();
      }
      const records = await browser.newContext(screen);
      try {
        const page = await records.newPage();
        await page.goto(`/b/${board.id}/snapshots/${taken.id}?key=${board.keys.viewer}`);
        await expect(page.getByText("Read-only snapshot")).toBeVisible();
        await page.getByRole("list", { name: "Most contested" }).getByRole("button").first().click();
        await expect(page.locator("[data-ring]")).toBeVisible();
        await page.evaluate(() => window.scrollTo(0, 0));
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: shotPath(`snapshot-${viewport.name}.png`, true) });

        await page.goto(`/b/${board.id}/compare?from=${taken.id}&to=now&key=${board.keys.viewer}`);
        const table = page.getByRole("table");
        await expect(table.locator('[data-change="rlhf"]')).toContainText("closer together");
        await table.getByRole("button", { name: "RLHF" }).click();
        await expectNoHorizontalOverflow(page);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: shotPath(`compare-${viewport.name}.png`, true), fullPage: viewport.name !== "phone" });

        await page.goto(`/b/${board.id}/replay?key=${board.keys.viewer}`);
        const slider = page.getByRole("slider", { name: "Moment in the session" });
        await expect(slider).toBeVisible();
        // Part-way through: the first placements are on the board, most are still to come.
        await slider.fill(String(20));
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: shotPath(`replay-${viewport.name}.png`, true) });
      } finally {
        await records.close();
      }

      if (viewport.name === "projector") {
        const projector = await browser.newContext(screen);
        try {
          const page = await projector.newPage();
          await page.goto(`/b/${board.id}/present?key=${board.keys.viewer}#join=${board.keys.participant}`);
          await expect(page.getByRole("status")).toHaveText("Live");
          await expect(page.getByRole("img", { name: "QR code of the join link" })).toBeVisible();
          await page.getByRole("list", { name: "Most contested" }).getByRole("button").first().click();
          await expect(page.locator("[data-ring]")).toBeVisible();
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: shotPath("presenter-projector.png") });
        } finally {
          await projector.close();
        }
      }
    });
  }
});
