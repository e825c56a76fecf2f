import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connectParticipant, expectNoSeriousA11yViolations } from "./support";
import { shotPath } from "./shots";

/*
 * A prioritisation workshop: an impact × effort board made from its template on the home page,
 * its goal corner (high impact, low effort: top left) set, four people placing four items, and the
 * ranked outcome the group leaves with.
 */

/** Where four people put each item, in grid coordinates (col, row) of the 2×2 impact × effort grid. */
const PLACED: Record<string, Array<[number, number]>> = {
  // A quick win everyone agrees on: near the goal corner.
  onboarding: [
    [0.25, 0.25],
    [0.35, 0.3],
    [0.3, 0.35],
    [0.3, 0.3],
  ],
  // Two camps: half think it is a quick win, half a slog.
  billing: [
    [0.2, 0.2],
    [0.25, 0.2],
    [1.8, 1.8],
    [1.75, 1.8],
  ],
  // A cloud around the middle.
  "dark-mode": [
    [0.2, 0.2],
    [1.4, 0.2],
    [0.2, 1.4],
    [1.4, 1.4],
  ],
  // Agreed, and far from the goal.
  rewrite: [
    [1.7, 1.7],
    [1.75, 1.7],
    [1.7, 1.75],
    [1.7, 1.7],
  ],
};
const TEXT: Record<string, string> = {
  onboarding: "Fix the onboarding emails",
  billing: "New billing system",
  "dark-mode": "Dark mode",
  rewrite: "Rewrite search",
};

async function createFromTemplate(page: Page, template: RegExp): Promise<CreatedBoard> {
  await page.goto("/");
  await page.getByRole("textbox", { name: "Board title" }).fill("Q1 priorities");
  await page.getByRole("radio", { name: template }).check();
  const created = page.waitForResponse((r) => r.url().endsWith("/api/boards") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Create board" }).click();
  const board = (await (await created).json()) as CreatedBoard;
  await expect(page.getByRole("status")).toHaveText("Live");
  return board;
}

test("an impact × effort board from its template ranks items towards its goal corner and flags the contested ones near the top", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  // The template cards, and a template's labels and goal opened for adjusting: checked by axe, seen on a phone too.
  await page.getByRole("radio", { name: /^Impact × effort\b(?! \(3×3\))/ }).check();
  await page.getByRole("button", { name: "Adjust the labels and goal corner" }).click();
  await expect(page.getByRole("group", { name: "Goal corner" }).getByRole("radio", { name: /^Top left/ })).toBeChecked();
  await expect(page.getByRole("group", { name: "Goal corner" })).toContainText("High impact, Low effort");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: shotPath("priorities-home.png"), fullPage: true });
  await page.getByRole("group", { name: "Template" }).screenshot({ path: shotPath("priorities-templates.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shotPath("priorities-home-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  const board = await createFromTemplate(page, /^Impact × effort\b(?! \(3×3\))/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Q1 priorities");
  await expect(page.getByRole("gridcell", { name: "High impact, Low effort" })).toHaveAccessibleDescription(/The goal corner/);

  // The facilitator sets the goal in the grid's editor: away to another corner and back, as a facilitator unsure of it would.
  const bar = page.getByRole("region", { name: "Facilitator" });
  await bar.getByRole("button", { name: "Edit grid" }).click();
  const editor = page.getByRole("form", { name: "Edit the grid" });
  const corners = editor.getByRole("group", { name: "Goal corner" });
  await expect(corners.getByRole("radio", { name: /^Top left/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
  await editor.screenshot({ path: shotPath("priorities-grid-editor.png") });
  await corners.getByRole("radio", { name: /^Bottom right/ }).check();
  await editor.getByRole("button", { name: "Save grid" }).click();
  await expect(page.getByRole("gridcell", { name: "Low impact, High effort" })).toHaveAccessibleDescription(/The goal corner/);
  await bar.getByRole("button", { name: "Edit grid" }).click();
  await page.getByRole("form", { name: "Edit the grid" }).getByRole("group", { name: "Goal corner" }).getByRole("radio", { name: /^Top left/ }).check();
  await page.getByRole("form", { name: "Edit the grid" }).getByRole("button", { name: "Save grid" }).click();
  await expect(page.getByRole("gridcell", { name: "High impact, Low effort" })).toHaveAccessibleDescription(/The goal corner/);

  const host = await connectParticipant(baseURL!, board, "facilitator");
  const people = await connectParticipant(baseURL!, board);
  try {
    for (const id of Object.keys(TEXT)) host.addItem(id, TEXT[id]!, "facilitator");
    ["p1", "p2", "p3", "p4"].forEach((p, i) => {
      people.join(p, ["Ada", "Bo", "Cy", "Di"][i]!, "#2563eb");
      for (const [item, spots] of Object.entries(PLACED)) people.place(item, p, spots[i]![0], spots[i]![1]);
    });
    await people.settled();

    // Priorities: closest to the goal corner first. The quick win leads; the split and the scattered items in the top 3 say so.
    const side = page.getByRole("region", { name: "Most contested" });
    await side.getByRole("button", { name: "Priorities" }).click();
    const list = page.getByRole("list", { name: "Priorities" });
    await expect(list.getByRole("listitem")).toHaveCount(4);
    const entries = list.getByRole("listitem");
    await expect(entries.nth(0)).toContainText(TEXT.onboarding!);
    await expect(entries.nth(0)).toContainText("0.85");
    await expect(entries.nth(0).locator("[data-priority-flag]")).toHaveCount(0);
    await expect(entries.nth(1)).toContainText(TEXT["dark-mode"]!);
    await expect(entries.nth(1)).toContainText("Top 3, but scattered");
    await expect(entries.nth(2)).toContainText(TEXT.billing!);
    await expect(entries.nth(2)).toContainText("Top 3, but split");
    await expect(entries.nth(3)).toContainText(TEXT.rewrite!);
    await expect(entries.nth(3).locator("[data-priority-flag]")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: shotPath("priorities-board.png"), fullPage: true });

    // The agenda walks the priorities too: split first by default, the highest priority first when asked.
    const agenda = page.getByRole("region", { name: "Agenda" });
    await expect(agenda).toContainText(`Up next: “${TEXT.billing}”.`);
    await agenda.getByRole("button", { name: /^Agenda \(0 of \d+ discussed\)$/ }).click();
    await agenda.getByRole("button", { name: "Priorities" }).click();
    const agendaRows = agenda.getByRole("list", { name: "Agenda" }).getByRole("listitem");
    await expect(agendaRows.nth(0)).toContainText(TEXT.onboarding!);
    await expect(agendaRows.nth(0)).toContainText("priority 0.85");
    await expect(agendaRows.nth(2)).toContainText(TEXT.billing!);
    await expect(agenda).toContainText(`Up next: “${TEXT.onboarding}”.`);
    await agenda.screenshot({ path: shotPath("priorities-agenda.png") });
    await expectNoSeriousA11yViolations(page);

    // What the group leaves with: the report's Decisions in the same order, with the same flags, and the ranked list as CSV.
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
      return fs.readFileSync(await file.path(), "utf8");
    };
    const report = await download("Download Markdown");
    const decisions = report.slice(report.indexOf("## Decisions"), report.indexOf("\n## ", report.indexOf("## Decisions") + 1));
    expect(decisions).toContain("Goal corner: **top left** (High impact, Low effort)");
    const rows = decisions.split("\n").filter((line) => /^\| \d/.test(line));
    expect(rows.map((row) => row.split(" | ")[1])).toEqual([TEXT.onboarding, TEXT["dark-mode"], TEXT.billing, TEXT.rewrite]);
    expect(rows[0]).toMatch(/\| 0\.85 \|.*\| agreed \| {2}\|$/);
    expect(rows[1]).toMatch(/\| 0\.60 \|.*\| top 3, but scattered \|$/);
    expect(rows[2]).toMatch(/\| 0\.50 \|.*\| top 3, but split \|$/);
    const csv = (await download("Download Priorities CSV")).trim().split("\n");
    expect(csv).toHaveLength(5);
    expect(csv[1]).toContain(TEXT.onboarding);
    expect(csv[3]).toContain("top 3, but split");

    // The projector shows either ranking.
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(`/b/${board.id}/present?key=${board.keys.viewer}#join=${board.keys.participant}`);
    await wall.getByRole("group", { name: "Rank the items by" }).getByRole("button", { name: "Priorities" }).click();
    const wallList = wall.getByRole("list", { name: "Priorities" });
    await expect(wallList.getByRole("listitem").first()).toContainText(TEXT.onboarding!);
    await expect(wallList.getByRole("listitem").nth(2)).toContainText("Top 3, but split");
    await wall.screenshot({ path: shotPath("priorities-presenter.png") });
    // Its overview, by priority: each tile says its priority, and the top three warn when the group is split or scattered.
    await wall.getByRole("group", { name: "Show the placements as" }).getByRole("button", { name: "Overview" }).click();
    const wallTiles = wall.getByRole("list", { name: "Overview: every item’s placements" }).getByRole("listitem");
    await expect(wallTiles).toHaveCount(4);
    await expect(wallTiles.nth(0)).toContainText(TEXT.onboarding!);
    await expect(wallTiles.nth(0)).toContainText("4 placed · priority 0.85");
    await expect(wallTiles.nth(0).locator("[data-priority-flag]")).toHaveCount(0);
    await expect(wallTiles.nth(1)).toContainText("Top 3, but scattered");
    await expect(wallTiles.nth(2)).toContainText("Top 3, but split");
    await expect(wallTiles.nth(3).locator("[data-priority-flag]")).toHaveCount(0);
    for (let i = 0; i < 4; i++) await expect(wallTiles.nth(i)).toBeInViewport({ ratio: 1 });
    await wall.screenshot({ path: shotPath("priorities-presenter-overview.png") });
    await wall.getByRole("group", { name: "Show the placements as" }).getByRole("button", { name: "Grid" }).click();

    // Taken up from the agenda, the item under discussion fills the wall's side with its priority among its numbers.
    await agenda.getByRole("button", { name: "Discuss next" }).click();
    const wallDetail = wall.getByRole("region", { name: TEXT.onboarding! });
    const wallPriority = wallDetail.locator("[data-item-priority]");
    await expect(wallPriority).toHaveText("Priority 0.85 of 1 (1 = the goal corner)");
    await expect(wallPriority).toBeInViewport({ ratio: 1 });
    await wall.screenshot({ path: shotPath("priorities-presenter-focus.png") });
    await agenda.getByRole("button", { name: "Back" }).click();
    await expect(wallList).toBeVisible();

    // A backlog of sixteen: once more than nine items are placed the join card shrinks to a strip, and the whole ranking
    // fits on the wall, its last entry above the list's fade.
    for (let i = 1; i <= 12; i++) {
      host.addItem(`extra-${i}`, `Backlog idea ${i}`, "facilitator");
      ["p1", "p2", "p3", "p4"].forEach((p, k) => people.place(`extra-${i}`, p, 0.1 + ((i * 7 + k * 3) % 18) / 10, 0.1 + ((i * 5 + k) % 18) / 10));
    }
    await people.settled();
    await expect(wallList.getByRole("listitem")).toHaveCount(16);
    await expect(wall.getByRole("region", { name: "Join on your phone" }).getByRole("img")).toBeVisible();
    const fits = await wallList.evaluate((list) => {
      const scroller = list.closest(".overflow-y-auto")!.getBoundingClientRect();
      const last = list.lastElementChild!.getBoundingClientRect();
      return { last: last.bottom, visible: scroller.bottom - 32, screen: window.innerHeight };
    });
    expect(fits.last).toBeLessThanOrEqual(fits.visible);
    expect(fits.last).toBeLessThanOrEqual(fits.screen);
    await wall.screenshot({ path: shotPath("priorities-presenter-16.png") });
    await wall.close();
  } finally {
    host.close();
    people.close();
  }
});
