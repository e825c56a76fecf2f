import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { rankByContest } from "../../lib/stats";
import { itemStats } from "../../lib/stats/board";
import { makeRandom } from "../random";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, placeToo } from "./support";
import { shotPath } from "./shots";

/** Where every screenshot of this spec also goes, to be looked at; the README's go to docs/screenshots too (see shots.ts). */
const SHOTS = "/tmp/overview";

const NAMES = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lu"];
const COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#0891b2", "#7c3aed", "#dc2626", "#65a30d", "#c026d3", "#0d9488", "#ea580c", "#4f46e5"];
/** Where the group puts each item: one spot (col, row, stray), or two, the first seven people in the first. */
const SPOTS: Record<string, Array<[number, number, number]>> = {
  scaling: [[0.5, 0.5, 0.3]],
  rlhf: [[0.6, 0.5, 0.3], [2.4, 1.5, 0.3]],
  "adversarial-robustness": [[2.3, 0.7, 0.5]],
  "optimization-science": [[0.8, 1.4, 0.6]],
  "scalable-oversight": [[1.6, 1.5, 1.1]],
  "ai-control": [[2.5, 1.4, 0.4]],
  "concept-interpretability": [[0.7, 2.3, 0.7]],
  "mechanistic-interpretability": [[0.6, 2.5, 0.3], [2.4, 0.4, 0.3]],
  "agent-foundations": [[2.6, 2.6, 0.3]],
};
const SPLIT_ITEMS = ["rlhf", "mechanistic-interpretability"];

type Bot = Awaited<ReturnType<typeof connectParticipant>>;

async function seededBoard(request: APIRequestContext, baseURL: string, title: string): Promise<{ board: CreatedBoard; host: Bot }> {
  const board = await createBoard(request, { title });
  const host = await connectParticipant(baseURL, board, "facilitator");
  const random = makeRandom(4);
  const clamp = (x: number) => Math.min(2.95, Math.max(0.05, x));
  NAMES.forEach((name, i) => host.join(`p-${name.toLowerCase()}`, name, COLORS[i]!));
  for (const [item, spots] of Object.entries(SPOTS)) {
    NAMES.forEach((name, i) => {
      const [col, row, stray] = spots[i < 7 ? 0 : spots.length - 1]!;
      host.place(item, `p-${name.toLowerCase()}`, clamp(col + (random() - 0.5) * 2 * stray), clamp(row + (random() - 0.5) * 2 * stray));
    });
  }
  await expect.poll(() => host.board().placements.length).toBe(NAMES.length * 9);
  return { board, host };
}

const tiles = (page: Page) => page.getByRole("list", { name: "Overview: every item’s placements" }).getByRole("listitem");

/** Whether the page scrolls, and where each tile and its words are. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const cards = [...document.querySelectorAll("[data-overview-item]")].map((li) => {
      const r = li.getBoundingClientRect();
      const words = li.querySelector("p")!;
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, tile: li.querySelector("svg")!.getBoundingClientRect().height, font: parseFloat(getComputedStyle(words).fontSize) };
    });
    return { viewport: { width: window.innerWidth, height: window.innerHeight }, scroll: { height: root.scrollHeight, width: root.scrollWidth }, cards };
  });
}

async function expectAllOnScreen(page: Page, count: number, minFont: number, minTile: number) {
  const layout = await measure(page);
  expect(layout.cards).toHaveLength(count);
  expect(layout.scroll.height, "no vertical scrolling").toBeLessThanOrEqual(layout.viewport.height);
  expect(layout.scroll.width, "no sideways scrolling").toBeLessThanOrEqual(layout.viewport.width);
  for (const card of layout.cards) {
    expect(card.top).toBeGreaterThanOrEqual(0);
    expect(card.bottom).toBeLessThanOrEqual(layout.viewport.height);
    expect(card.right).toBeLessThanOrEqual(layout.viewport.width);
    expect(card.font, "item words, for the back of the room").toBeGreaterThanOrEqual(minFont);
    expect(card.tile, "small grid").toBeGreaterThanOrEqual(minTile);
  }
}

test("the presenter's overview fits nine items, then twenty, on a 1920×1080 projector without scrolling, and hides a blind round's dots", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const { board, host } = await seededBoard(request, baseURL!, "Reading group: Defining alignment research");
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/b/${board.id}/present?key=${board.keys.viewer}#join=${board.keys.participant}`);
    await expect(page.getByRole("status")).toHaveText("Live");
    const views = page.getByRole("group", { name: "Show the placements as" });
    await views.getByRole("button", { name: "Overview" }).click();
    await expect(views.getByRole("button", { name: "Overview" })).toHaveAttribute("aria-pressed", "true");
    await expect(tiles(page)).toHaveCount(9);
    await expect(page.locator("[data-overview-item] circle.dot")).toHaveCount(NAMES.length * 9);

    // Most contested first, as the contested list orders them.
    const ranked = rankByContest(itemStats(host.board())).map((e) => e.item.id);
    expect(await tiles(page).evaluateAll((lis) => lis.map((li) => li.getAttribute("data-overview-item")))).toEqual(ranked);
    // Split items show both camps and no group centre; the others a centre.
    for (const item of SPLIT_ITEMS) {
      const card = page.locator(`[data-overview-item="${item}"]`);
      await expect(card.locator("g.camp")).toHaveCount(2);
      await expect(card.locator("line.camp-line")).toHaveCount(1);
      await expect(card.locator("path.centre")).toHaveCount(0);
      await expect(card.getByRole("img")).toHaveAccessibleName(/: 12 placements, two camps \(7 vs 5\), spread \d\.\d\d cells$/);
      await expect(card).toContainText("two camps (7 vs 5)");
    }
    await expect(page.locator('[data-overview-item="agent-foundations"] path.centre')).toHaveCount(1);
    await expect(page.locator('[data-overview-item="agent-foundations"]')).toContainText("agreed");

    await expectAllOnScreen(page, 9, 0.024 * 1080, 0.18 * 1080);
    await page.screenshot({ path: `${SHOTS}/presenter-1920x1080.png` });
    await page.screenshot({ path: shotPath("presenter-overview-1920x1080.png", true) });
    await expectNoSeriousA11yViolations(page);

    // Twenty items still fit, smaller.
    for (let i = 10; i <= 20; i++) {
      host.addItem(`extra-${i}`, `Extra item number ${i}`);
      NAMES.slice(0, 6).forEach((name, j) => host.place(`extra-${i}`, `p-${name.toLowerCase()}`, (j * 0.45 + i * 0.1) % 3, (j * 0.3 + i * 0.07) % 3));
    }
    await expect(tiles(page)).toHaveCount(20);
    await expectAllOnScreen(page, 20, 0.017 * 1080, 0.12 * 1080);
    await page.screenshot({ path: `${SHOTS}/presenter-20-items-1920x1080.png` });

    // Beyond what one screen holds, the tiles scroll inside the stage; the page itself still does not.
    for (let i = 21; i <= 30; i++) host.addItem(`extra-${i}`, `Extra item number ${i}`);
    await expect(tiles(page)).toHaveCount(30);
    const crowded = await measure(page);
    expect(crowded.scroll.height).toBeLessThanOrEqual(crowded.viewport.height);
    expect(Math.min(...crowded.cards.map((c) => c.tile))).toBeGreaterThanOrEqual(0.1 * 1080);
    const list = page.getByRole("list", { name: "Overview: every item’s placements" });
    expect(await list.evaluate((ol) => ol.scrollHeight > ol.clientHeight)).toBe(true);
    await tiles(page).last().scrollIntoViewIfNeeded();
    await expect(tiles(page).last()).toBeInViewport();

    // A blind round: the room sees how far the group has got, never where anyone placed.
    host.setMeta("blind", true);
    await expect(page.getByText("Blind round:")).toBeVisible();
    await expect(page.locator("[data-overview-item] circle.dot")).toHaveCount(0);
    await expect(page.locator("[data-overview-item] g.camp, [data-overview-item] path.centre")).toHaveCount(0);
    await expect(tiles(page).first().getByRole("img")).toHaveAccessibleName(/: placements hidden until the reveal$/);
    await page.screenshot({ path: `${SHOTS}/presenter-blind-1920x1080.png` });

    // Back to the grid.
    await views.getByRole("button", { name: "Grid" }).click();
    await expect(page.getByRole("grid")).toBeVisible();
  } finally {
    host.close();
  }
});

test("the board's Overview shows every item's small grid, selects an item by keyboard or click, and exports as PNG and SVG", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const { board, host } = await seededBoard(request, baseURL!, "Reading group, week 3");
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(board.links.facilitate);
    await expect(page.getByRole("status")).toHaveText("Live");
    const views = page.getByRole("group", { name: "Show the placements as" });
    // By keyboard: the view switch is a pair of buttons.
    await views.getByRole("button", { name: "Overview" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Overview", level: 2 })).toBeVisible();
    await expect(page.getByRole("grid")).toBeHidden();
    await expect(tiles(page)).toHaveCount(9);
    const ranked = rankByContest(itemStats(host.board()));
    const first = tiles(page).first();
    await expect(first.getByRole("img")).toHaveAccessibleName(new RegExp(`^${ranked[0]!.item.text}: 12 placements`));

    await page.keyboard.press("Tab");
    const firstButton = first.getByRole("button", { name: ranked[0]!.item.text });
    await expect(firstButton).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#detail-heading")).toHaveText(ranked[0]!.item.text);
    await expect(first).toHaveAttribute("data-selected", "true");

    // A click anywhere on a card selects its item.
    const second = tiles(page).nth(1);
    await second.click({ position: { x: 60, y: 60 } });
    await expect(page.locator("#detail-heading")).toHaveText(ranked[1]!.item.text);

    await page.getByRole("heading", { name: "Overview", level: 2 }).scrollIntoViewIfNeeded();
    // Clear of the sticky header.
    await page.evaluate(() => window.scrollBy(0, -72));
    await page.screenshot({ path: `${SHOTS}/board-overview-1280x800.png` });
    await page.screenshot({ path: shotPath("board-overview-desktop.png", true) });
    await expectNoSeriousA11yViolations(page);

    // The pictures: the overview as PNG (drawn in the browser) and as SVG.
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download overview PNG" }).click()]);
    expect(png.suggestedFilename()).toMatch(/^reading-group-week-3-\d{4}-\d{2}-\d{2}-overview\.png$/);
    await png.saveAs(`${SHOTS}/exported-overview.png`);
    const bytes = fs.readFileSync(`${SHOTS}/exported-overview.png`);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.readUInt32BE(16), "twice the page's width").toBe(2240);
    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download overview SVG" }).click()]);
    const text = fs.readFileSync(await svg.path(), "utf8");
    expect(text.match(/class="overview-tile"/g)).toHaveLength(9);

    // On a phone: two small grids a row.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("heading", { name: "Overview", level: 2 }).scrollIntoViewIfNeeded();
    const widths = await tiles(page).evaluateAll((lis) => lis.slice(0, 2).map((li) => li.getBoundingClientRect()));
    expect(widths[0]!.top).toBe(widths[1]!.top);
    expect(widths[1]!.right).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/board-overview-phone-390x844.png` });

    // Picking up a note in the overview brings the grid back, the note on its middle cell.
    await page.setViewportSize({ width: 1280, height: 800 });
    await placeToo(page, "Fay");
    await expect(page.getByRole("grid")).toBeHidden();
    await page.locator("[data-tray-item]").first().focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("grid")).toBeVisible();
    await expect(page.locator('[data-cell="1:1"]')).toBeFocused();
    await expect(views.getByRole("button", { name: "Grid" })).toHaveAttribute("aria-pressed", "true");
  } finally {
    host.close();
  }
});

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const) {
  test(`on a ${size.width}×${size.height} projector the item under discussion is named, marked in the overview, and a split item's camps fit on screen`, async ({
    page,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const dir = "/tmp/presenter-fix";
    fs.mkdirSync(dir, { recursive: true });
    const name = `${size.width}x${size.height}`;
    const { board, host } = await seededBoard(request, baseURL!, "Reading group: Defining alignment research");
    try {
      // The tallest side column there is: the full join card with a live code, and a running timer in the header.
      const res = await request.post(`/api/boards/${board.id}/codes?key=${board.keys.facilitator}`);
      expect(res.status()).toBe(201);
      const code = (await res.json()) as { code: string; expiresAt: string };
      await page.setViewportSize(size);
      await page.goto(`/b/${board.id}/present?key=${board.keys.viewer}#join=${board.keys.participant}&code=${code.code}&until=${Date.parse(code.expiresAt)}`);
      await expect(page.getByRole("status")).toHaveText("Live");
      host.setMeta("timer", { endsAt: Date.now() + 4 * 60_000 });
      await expect(page.getByRole("timer")).toBeVisible();

      // Nothing is discussed yet: the header names nothing, and no split item's centre carries a label.
      await expect(page.locator("[data-now-discussing]")).toHaveCount(0);
      for (const item of SPLIT_ITEMS) {
        await expect(page.locator(`[data-centroid="${item}"] [data-split-centre]`)).toBeVisible();
        await expect(page.locator(`[data-centroid-label="${item}"]`)).not.toBeVisible();
      }
      await expect(page.locator('[data-centroid-label="agent-foundations"]')).toBeVisible();

      host.setMeta("focus", "rlhf");
      await expect(page.locator("#detail-heading")).toHaveText("RLHF");
      await expect(page.locator("[data-now-discussing]")).toHaveText("Now discussing: RLHF");
      const camps = page.getByRole("list", { name: "Who is in which camp" });
      await expect(camps.locator("[data-camp-members]")).toHaveCount(2);
      // Every camp, with its members, inside the screen and clear of the panel's fade, with nothing scrolled.
      const fit = await camps.evaluate((ul) => {
        let scroller = ul.parentElement!;
        while (getComputedStyle(scroller).overflowY !== "auto") scroller = scroller.parentElement!;
        const fade = 2 * parseFloat(getComputedStyle(document.documentElement).fontSize);
        return {
          bottom: ul.getBoundingClientRect().bottom,
          visibleTo: Math.min(scroller.getBoundingClientRect().bottom - fade, window.innerHeight),
          scrolled: scroller.scrollTop + window.scrollY,
          pageHeight: document.documentElement.scrollHeight,
        };
      });
      expect(fit.scrolled).toBe(0);
      expect(fit.pageHeight).toBeLessThanOrEqual(size.height);
      expect(fit.bottom, `camps end at ${fit.bottom}, visible to ${fit.visibleTo}`).toBeLessThanOrEqual(fit.visibleTo);
      // The room can still join: the QR code stays on screen, smaller.
      await expect(page.getByRole("img", { name: "QR code of the join link" })).toBeInViewport({ ratio: 1 });
      // No split item is named at its centre, where nobody placed it: the focused one's camps are drawn, and its panel names it.
      await expect(page.locator('[data-centroid-label="rlhf"]')).not.toBeVisible();
      await expect(page.locator('[data-camp]').first()).toBeVisible();
      await expect(page.locator('[data-centroid-label="mechanistic-interpretability"]')).not.toBeVisible();
      // The legend explains the hollow centre, on one line.
      const legend = page.getByRole("list", { name: "Legend" });
      await expect(legend).toContainText("a split item’s centre");
      const tops = await legend.getByRole("listitem").evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)));
      expect(new Set(tops).size, "legend on one line").toBe(1);
      await page.screenshot({ path: `${dir}/grid-focus-split-${name}.png` });

      // In the overview the discussed item's tile is outlined, and the header still names it.
      const views = page.getByRole("group", { name: "Show the placements as" });
      await views.getByRole("button", { name: "Overview" }).click();
      await expect(page.locator('[data-overview-item="rlhf"]')).toHaveAttribute("data-selected", "true");
      await expect(page.locator("[data-overview-item][data-selected]")).toHaveCount(1);
      await expect(page.locator("[data-now-discussing]")).toHaveText("Now discussing: RLHF");
      await page.screenshot({ path: `${dir}/overview-focus-${name}.png` });
      host.setMeta("focus", "scaling");
      await expect(page.locator('[data-overview-item="scaling"]')).toHaveAttribute("data-selected", "true");
      await expect(page.locator('[data-overview-item="rlhf"]')).not.toHaveAttribute("data-selected", "true");

      // A blind round with an item in focus still says how far the group has got.
      await views.getByRole("button", { name: "Grid" }).click();
      host.setMeta("blind", true);
      await expect(page.locator("#detail-heading")).toHaveText("Scaling");
      await expect(page.getByRole("region", { name: /^Blind round/ })).toContainText("12 of 12");
      await expect(page.locator("[data-dot]")).toHaveCount(0);
      await page.screenshot({ path: `${dir}/grid-focus-blind-${name}.png` });
    } finally {
      host.close();
    }
  });
}
