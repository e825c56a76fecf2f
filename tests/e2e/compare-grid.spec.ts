import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations } from "./support";
import { shotPath } from "./shots";

// Test runs write to test-results; `SCREENSHOTS=docs npx playwright test tests/e2e/compare-grid.spec.ts` refreshes the committed ones.

const PEOPLE = ["p-ada", "p-bo", "p-cy", "p-di", "p-ed"];

/** Round 1: agent foundations is all over the grid, low down, so its spread ring is wider than the grid is tall. */
const ROUND_1: Record<string, Array<[number, number]>> = {
  scaling: [[0.3, 0.4], [0.6, 0.3], [0.5, 0.7], [0.8, 0.5], [0.4, 0.2]],
  rlhf: [[1.4, 0.5], [0.6, 0.4], [1.7, 1.3], [2.3, 0.6], [1.2, 0.2]],
  "adversarial-robustness": [[2.5, 0.4], [2.3, 0.7], [2.7, 1.2], [2.4, 0.3], [1.8, 0.5]],
  "scalable-oversight": [[1.5, 1.5], [1.2, 1.8], [2.4, 1.6], [1.6, 2.3], [1.3, 1.4]],
  "ai-control": [[2.6, 1.5], [2.2, 1.2], [2.8, 1.7], [2.5, 1.4]],
  "mechanistic-interpretability": [[1.5, 2.5], [0.4, 2.6], [1.3, 2.2], [2.2, 2.6], [0.7, 2.3]],
  "agent-foundations": [[0.2, 2.9], [2.9, 2.9], [0.3, 0.9], [2.8, 2.8], [1.5, 2.9]],
};

/** After talking, four items come together; the others stay where they were. */
const ROUND_2: Record<string, Array<[number, number]>> = {
  rlhf: [[1.4, 0.5], [1.3, 0.4], [1.6, 0.6], [1.7, 0.5], [1.4, 0.3]],
  "scalable-oversight": [[1.5, 1.5], [1.4, 1.6], [1.7, 1.5], [1.6, 1.7], [1.4, 1.4]],
  "agent-foundations": [[2.6, 2.6], [2.3, 2.4], [2.8, 2.7], [2.5, 2.5], [2.4, 2.8]],
  "mechanistic-interpretability": [[0.5, 2.5], [0.4, 2.6], [0.6, 2.4], [0.7, 2.6], [0.5, 2.3]],
};

async function placeAll(request: APIRequestContext, baseURL: string, board: Awaited<ReturnType<typeof createBoard>>, spots: Record<string, Array<[number, number]>>) {
  const bot = await connectParticipant(baseURL, board);
  try {
    PEOPLE.forEach((id, i) => bot.join(id, `Person ${i + 1}`, ["#2563eb", "#db2777", "#059669", "#d97706", "#0891b2"][i]!));
    for (const [item, list] of Object.entries(spots)) list.forEach(([col, row], i) => bot.place(item, PEOPLE[i]!, col, row));
    const [lastItem, lastSpots] = Object.entries(spots).at(-1)!;
    const [col] = lastSpots.at(-1)!;
    // Placed once the server's export has the last one.
    await expect
      .poll(async () => {
        const now = await (await request.get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json();
        // Until the placement has reached the server there is nothing to read yet: keep polling.
        return now.items.find((i: { id: string }) => i.id === lastItem)?.placements.find((p: { participant: string }) => p.participant === PEOPLE[lastSpots.length - 1])?.col;
      })
      .toBe(col);
  } finally {
    bot.close();
  }
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The cells of the grid, without its headers: where the centres are drawn. */
async function cellArea(page: Page): Promise<Box> {
  const first = (await page.locator('[data-cell="0:0"]').boundingBox())!;
  const last = (await page.locator('[data-cell="2:2"]').boundingBox())!;
  return { x: first.x, y: first.y, width: last.x + last.width - first.x, height: last.y + last.height - first.y };
}

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800, hasTouch: false },
  { name: "phone", width: 390, height: 844, hasTouch: true },
] as const;

for (const viewport of VIEWPORTS) {
  test(`the compare grid labels every centre and keeps spread rings inside the grid (${viewport.name} ${viewport.width}×${viewport.height})`, async ({
    browser,
    request,
    baseURL,
  }) => {
    const board = await createBoard(request, { title: "Reading group: Defining alignment research" });
    await placeAll(request, baseURL!, board, ROUND_1);
    const taken = (await (await request.post(`/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, { data: { name: "Round 1" } })).json()) as {
      id: string;
    };
    await placeAll(request, baseURL!, board, ROUND_2);

    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, hasTouch: viewport.hasTouch });
    try {
      const page = await context.newPage();
      await page.goto(`/b/${board.id}/compare?from=${taken.id}&to=now&key=${board.keys.viewer}`);
      const table = page.getByRole("table");
      await expect(table.locator('[data-change="agent-foundations"]')).toContainText("closer together");

      // Every later centre carries its item's number, the number the key and the table give that item.
      const placed = Object.keys(ROUND_1);
      const key = page.getByRole("list", { name: "Items by number" });
      // Only items drawn on the grid are in the key: two of the nine were never placed.
      await expect(key.getByRole("listitem")).toHaveCount(7);
      for (const item of placed) {
        const entry = key.locator(`[data-key-item="${item}"]`);
        const n = (await entry.locator("span").first().textContent())!.trim();
        expect(n).toMatch(/^\d+$/);
        await expect(page.locator(`[data-centre-label="after"][data-item="${item}"]`)).toHaveText(n);
        await expect(table.locator(`[data-change="${item}"] th > span`).first()).toHaveText(n);
      }
      // Earlier centres well away from the later ones carry the number too; where the two (nearly) meet, the later label names both.
      for (const item of ["agent-foundations", "mechanistic-interpretability"]) {
        const n = await page.locator(`[data-centre-label="after"][data-item="${item}"]`).textContent();
        await expect(page.locator(`[data-centre-label="before"][data-item="${item}"]`)).toHaveText(n!);
      }
      await expect(page.locator('[data-centre-label="before"][data-item="scaling"]')).toHaveCount(0);

      // Readable: 12 px text or larger, inside the grid, none covering another.
      const area = await cellArea(page);
      const labels = page.locator("[data-centre-label]");
      const boxes: Box[] = [];
      for (const label of await labels.all()) {
        expect(await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);
        const box = (await label.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(area.x - 1);
        expect(box.y).toBeGreaterThanOrEqual(area.y - 1);
        expect(box.x + box.width).toBeLessThanOrEqual(area.x + area.width + 1);
        expect(box.y + box.height).toBeLessThanOrEqual(area.y + area.height + 1);
        boxes.push(box);
      }
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `labels ${i} and ${j} overlap`).toBe(false);

      // Every number at once, for looking at.
      await page.getByRole("heading", { name: "Where the centres moved" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: shotPath(`compare-grid-numbers-${viewport.name}.png`) });

      // The legend says which mark is which end of the comparison.
      const legend = page.getByRole("list", { name: "Legend" });
      await expect(legend).toContainText(/From Round 1/);
      await expect(legend).toContainText("To Now");

      // What lies just below the grid looks the same whether or not the widest ring is shown: the ring stops at the grid's edge.
      const below = { x: 0, y: area.y + area.height + 2, width: viewport.width, height: 48 };
      await page.locator("[data-cell='2:2']").scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 120));
      const strip = async () => {
        const { y } = (await cellArea(page))!;
        return page.screenshot({ clip: { ...below, y: y + area.height + 2 } });
      };
      const without = await strip();
      // Selected on the grid itself, so the page stays where it is.
      await page.locator('[data-centroid-after="agent-foundations"]').click();
      const ring = page.locator('[data-ring-before="agent-foundations"]');
      await expect(ring).toBeVisible();
      const ringBox = (await ring.boundingBox())!;
      const now = await cellArea(page);
      expect(ringBox.y + ringBox.height, "the ring is wider than the grid is tall").toBeGreaterThan(now.y + now.height + 20);
      // Away from the pointer, so nothing is hovered but the selection.
      await page.mouse.move(viewport.width - 2, 2);
      expect((await strip()).equals(without)).toBe(true);

      // The selected item's centres say what they are: its name at the later one, the earlier snapshot at the earlier one.
      await expect(page.locator('[data-centre-label="after"][data-item="agent-foundations"]')).toContainText("Agent foundations");
      await expect(page.locator('[data-centre-label="before"][data-item="agent-foundations"]')).toHaveText("Round 1");
      await expectNoSeriousA11yViolations(page);

      await page.getByRole("heading", { name: "Where the centres moved" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: shotPath(`compare-grid-${viewport.name}.png`, true) });
    } finally {
      await context.close();
    }
  });
}
