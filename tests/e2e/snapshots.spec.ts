import fs from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Download, type Locator, type Page } from "@playwright/test";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs } from "./support";

async function save(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const downloading: Promise<Download> = page.waitForEvent("download");
  await click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

/** Where a dot sits, in grid units, read back from its percentage position. */
async function dotAt(page: Page, key: string, size: { rows: number; columns: number }) {
  const style = await page.locator(`[data-dot="${key}"]`).getAttribute("style");
  const left = Number(/left:\s*([\d.]+)%/.exec(style ?? "")?.[1]);
  const top = Number(/top:\s*([\d.]+)%/.exec(style ?? "")?.[1]);
  // Percentages in the style carry a few digits only: compare to a hundredth of a cell.
  const round = (x: number) => Math.round(x * 100) / 100;
  return { col: round((left / 100) * size.columns), row: round((top / 100) * size.rows) };
}

const grid3 = { rows: 3, columns: 3 };

/**
 * Hal and Ida place RLHF far apart and Hal places Scaling; the facilitator
 * snapshots that as "Before the break"; then Hal moves RLHF to the far corner.
 */
async function snapshotThenMove(browser: Browser, request: APIRequestContext, baseURL: string) {
  const board = await createBoard(request, { title: "Reading group, week 5" });
  const bot = await connectParticipant(baseURL, board);
  const host = await openAs(browser, board.links.facilitate, "Fay");
  bot.join("p-hal", "Hal", "#059669");
  bot.join("p-ida", "Ida", "#db2777");
  bot.place("rlhf", "p-hal", 1.5, 0.5);
  bot.place("rlhf", "p-ida", 0.5, 2.5);
  bot.place("scaling", "p-hal", 0.5, 0.5);
  await expect(host.page.locator("[data-dot]")).toHaveCount(3);
  await host.page.getByRole("textbox", { name: "Snapshot name" }).fill("Before the break");
  await host.page.getByRole("button", { name: "Take snapshot" }).click();
  await expect(host.page.getByRole("list", { name: "Snapshots" })).toContainText("Before the break");
  bot.place("rlhf", "p-hal", 2.5, 2.5);
  await expect.poll(() => dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 2.5, row: 2.5 });
  return { bot, host };
}

/** The full label of the option that starts with a snapshot's name (it goes on with the time taken). */
const optionLabel = async (scope: Locator, name: string) =>
  (await scope.getByRole("option").filter({ hasText: new RegExp(`^${name} ·`) }).first().textContent())!;

test("a snapshot opens read-only with the old positions and downloads in every format", async ({ browser, request, baseURL }) => {
  const { bot, host } = await snapshotThenMove(browser, request, baseURL!);
  try {

    await host.page.getByRole("link", { name: "Open Before the break" }).click();
    await expect(host.page).toHaveURL(/\/b\/[^/]+\/snapshots\/[^/?]+$/);
    await expect(host.page.getByRole("heading", { level: 1 })).toHaveText("Reading group, week 5");
    await expect(host.page.getByText("Read-only snapshot")).toBeVisible();
    // The board exactly as it was: every placement where it was then, nothing to place or take.
    await expect(host.page.locator("[data-dot]")).toHaveCount(3);
    expect(await dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 1.5, row: 0.5 });
    expect(await dotAt(host.page, "rlhf:p-ida", grid3)).toEqual({ col: 0.5, row: 2.5 });
    await expect(host.page.getByRole("heading", { name: /Your notes/ })).toHaveCount(0);
    await expect(host.page.getByRole("button", { name: "Take snapshot" })).toHaveCount(0);
    const ranking = host.page.getByRole("list", { name: "Most contested" });
    await expect(ranking.getByRole("listitem").first()).toContainText("RLHF");
    await expect(ranking).toContainText("1.12");
    await ranking.getByRole("button", { name: /RLHF/ }).first().click();
    await expect(host.page.locator('[data-ring="rlhf"]')).toBeVisible();
    await expectNoSeriousA11yViolations(host.page);

    // Every export of the snapshot shows the positions of then.
    const json = await save(host.page, () => host.page.getByRole("link", { name: "Download JSON" }).click());
    expect(json.name).toMatch(/^reading-group-week-5-before-the-break-\d{4}-\d{2}-\d{2}\.json$/);
    const snapshot = JSON.parse(json.bytes.toString("utf8"));
    expect(snapshot.items.find((i: { id: string }) => i.id === "rlhf").placements.find((p: { participant: string }) => p.participant === "p-hal")).toMatchObject({ col: 1.5, row: 0.5 });
    const csv = (await save(host.page, () => host.page.getByRole("link", { name: "Download CSV" }).click())).bytes.toString("utf8");
    expect(csv).toContain("Before the break");
    expect(csv.split("\r\n").filter((l) => l.includes(",rlhf,")).length).toBe(2);
    const statsCsv = (await save(host.page, () => host.page.getByRole("link", { name: "Download Statistics CSV" }).click())).bytes.toString("utf8");
    expect(statsCsv.split("\r\n")[1]).toMatch(/^1,rlhf,/);
    const md = (await save(host.page, () => host.page.getByRole("link", { name: "Download Markdown" }).click())).bytes.toString("utf8");
    expect(md).toContain("Snapshot: **Before the break**");
    expect(md).toMatch(/### RLHF[\s\S]*\| \*\*Engineering\*\* \|/);
    const svg = await save(host.page, () => host.page.getByRole("button", { name: "Download SVG" }).click());
    // The pictures drawn in the browser are named like the server's files of the same snapshot.
    expect(svg.name).toBe(json.name.replace(/\.json$/, ".svg"));
    const svgText = svg.bytes.toString("utf8");
    expect(svgText).toMatch(/^(<\?xml[^>]*>\s*)?<svg/);
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svgText)?.[1]);
    const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svgText)?.[1]);
    expect(width).toBeGreaterThan(0);
    const png = await save(host.page, () => host.page.getByRole("button", { name: "Download PNG" }).click());
    expect(png.name).toBe(json.name.replace(/\.json$/, ".png"));
    expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    // Drawn from the SVG at twice its size, so it prints sharply.
    expect(png.bytes.readUInt32BE(16)).toBe(Math.round(width * 2));
    expect(png.bytes.readUInt32BE(20)).toBe(Math.round(height * 2));
  } finally {
    bot.close();
    await host.context.close();
  }
});

test("a snapshot compares with now item by item: centre moves, spread changes, sortable, as CSV and Markdown", async ({ browser, request, baseURL }) => {
  const { bot, host } = await snapshotThenMove(browser, request, baseURL!);
  try {

    await host.page.getByRole("link", { name: "Compare Before the break with now" }).click();
    // Compared with now: RLHF's centre went from (1, 1.5) to (1.5, 2.5) and its spread from 1.12 to 1.00.
    await expect(host.page).toHaveURL(/\/compare\?from=[^&]+&to=now$/);
    await expect(host.page.getByRole("heading", { level: 1 })).toHaveText("Reading group, week 5");
    const table = host.page.getByRole("table");
    const rlhf = table.locator('[data-change="rlhf"]');
    await expect(rlhf).toContainText("1.12 cells");
    await expect(rlhf).toContainText("1.12 → 1.00");
    await expect(rlhf).toContainText("−0.12");
    await expect(rlhf).toContainText("closer together");
    await expect(table.locator('[data-change="scaling"]')).toContainText("0.00 cells");
    await expect(host.page.locator('[data-move="rlhf"]')).toHaveCount(1);

    // Sortable, by keyboard too: largest move first by default, then the other way round.
    const moved = table.getByRole("columnheader", { name: /Centre moved/ });
    await expect(moved).toHaveAttribute("aria-sort", "descending");
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-change", "rlhf");
    await moved.getByRole("button").focus();
    await host.page.keyboard.press("Enter");
    await expect(moved).toHaveAttribute("aria-sort", "ascending");
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-change", "scaling");
    // Unplaced items have no move: they stay last both ways.
    await expect(table.locator("tbody tr").last()).not.toHaveAttribute("data-change", /rlhf|scaling/);

    await table.getByRole("button", { name: "RLHF" }).click();
    await expect(host.page.locator('[data-ring-before="rlhf"]')).toBeVisible();
    await expect(host.page.locator('[data-ring-after="rlhf"]')).toBeVisible();

    const comparisonFile = await save(host.page, () => host.page.getByRole("button", { name: "Download comparison CSV" }).click());
    expect(comparisonFile.name).toMatch(/^reading-group-week-5-before-the-break-to-now-\d{4}-\d{2}-\d{2}\.csv$/);
    const comparison = comparisonFile.bytes.toString("utf8");
    const lines = comparison.split("\r\n");
    expect(lines[0]).toMatch(/^item_id,item_text,presence,/);
    expect(lines[1]).toMatch(/^scaling,/);
    expect(lines.find((l) => l.startsWith("rlhf,"))).toContain(",both,");
    const md = (await save(host.page, () => host.page.getByRole("button", { name: "Download as Markdown" }).click())).bytes.toString("utf8");
    expect(md).toMatch(/^# Reading group, week 5: what changed\n/);
    expect(md).toContain("| RLHF | 1 → 1 | 1.12 | 1.12 → 1.00 | −0.12 (closer together) |");
    await expectNoSeriousA11yViolations(host.page);

    await host.page.getByRole("link", { name: "Back to the live board" }).click();
    await expect(host.page.getByRole("status")).toHaveText("Live");
    expect(await dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 2.5, row: 2.5 });
  } finally {
    bot.close();
    await host.context.close();
  }
});

test("any two snapshots compare from the board's panel, either way round", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Two snapshots" });
  const bot = await connectParticipant(baseURL!, board);
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const take = async (name: string) => {
    await host.page.getByRole("textbox", { name: "Snapshot name" }).fill(name);
    await host.page.getByRole("button", { name: "Take snapshot" }).click();
    await expect(host.page.getByRole("list", { name: "Snapshots" })).toContainText(name);
  };
  try {
    bot.join("p-hal", "Hal", "#059669");
    bot.place("rlhf", "p-hal", 0.5, 0.5);
    await expect(host.page.locator("[data-dot]")).toHaveCount(1);
    await take("First");
    bot.place("rlhf", "p-hal", 2.5, 0.5);
    await expect.poll(() => dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 2.5, row: 0.5 });
    await take("Second");
    bot.place("rlhf", "p-hal", 2.5, 2.5);

    const form = host.page.getByRole("form", { name: "Compare two snapshots" });
    // Chosen the wrong way round on purpose: the earlier one still comes first.
    await form.getByRole("combobox", { name: "From" }).selectOption({ label: await optionLabel(form, "Second") });
    await form.getByRole("combobox", { name: "To" }).selectOption({ label: await optionLabel(form, "First") });
    await form.getByRole("button", { name: "Compare" }).click();
    await expect(host.page.getByText(/^From First .* to Second /)).toBeVisible();
    await expect(host.page.getByRole("table").locator('[data-change="rlhf"]')).toContainText("2.00 cells");

    // "Now" as the start is taken as the end: the earlier one is always "From".
    await host.page.getByRole("combobox", { name: "From" }).selectOption("now");
    await expect(host.page.getByText(/^From Second .* to Now:/)).toBeVisible();
    await expect(host.page.getByRole("combobox", { name: "From" })).toHaveValue(/.+/);
    await expect(host.page.getByRole("combobox", { name: "To" })).toHaveValue("now");
    await expect(host.page.getByRole("table").locator('[data-change="rlhf"]')).toContainText("2.00 cells");
  } finally {
    bot.close();
    await host.context.close();
  }
});

test("a snapshot that does not exist says so", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Nothing here" });
  await page.goto(`/b/${board.id}/snapshots/not-a-snapshot?key=${board.keys.viewer}`);
  await expect(page.getByRole("heading", { name: "This could not be loaded" })).toBeVisible();
  await expect(page.getByText("This snapshot does not exist.")).toBeVisible();
  await page.goto(`/b/${board.id}/compare?key=${board.keys.viewer}`);
  await expect(page.getByRole("heading", { name: "No snapshots to compare yet" })).toBeVisible();
});

test("the session replays from its stored history: step, scrub, jump to a snapshot, play", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Replay me" });
  const bot = await connectParticipant(baseURL!, board);
  const host = await openAs(browser, board.links.facilitate, "Fay");
  try {
    bot.join("p-hal", "Hal", "#059669");
    bot.place("rlhf", "p-hal", 0.5, 0.5);
    await expect(host.page.locator("[data-dot]")).toHaveCount(1);
    await host.page.getByRole("textbox", { name: "Snapshot name" }).fill("Early");
    await host.page.getByRole("button", { name: "Take snapshot" }).click();
    await expect(host.page.getByRole("list", { name: "Snapshots" })).toContainText("Early");
    // Further apart than a drag's moves, so each is its own change.
    await host.page.waitForTimeout(400);
    bot.place("rlhf", "p-hal", 2.5, 2.5);
    await expect.poll(() => dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 2.5, row: 2.5 });

    await host.page.getByRole("link", { name: "Replay the session" }).click();
    await expect(host.page.getByRole("heading", { level: 1 })).toHaveText("Replay me");
    const slider = host.page.getByRole("slider", { name: "Moment in the session" });
    // It opens at the end: the board as it is.
    await expect(host.page.locator('[data-dot="rlhf:p-hal"]')).toHaveCount(1);
    expect(await dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 2.5, row: 2.5 });
    await expect(host.page.getByText(/Hal moved RLHF to Cognitivist science/)).toBeVisible();

    // Back to the very start by keyboard: nothing placed yet.
    await slider.focus();
    await host.page.keyboard.press("Home");
    await expect(slider).toHaveValue("0");
    await expect(host.page.locator("[data-dot]")).toHaveCount(0);
    await expect(host.page.getByText("The start of the session.")).toBeVisible();

    // Step forward until Hal's first placement shows, where it was then.
    const next = host.page.getByRole("button", { name: "Next change" });
    for (let i = 0; i < 20 && (await host.page.locator('[data-dot="rlhf:p-hal"]').count()) === 0; i++) await next.click();
    await expect(host.page.getByText(/Hal placed RLHF in Engineering/)).toBeVisible();
    expect(await dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 0.5, row: 0.5 });

    // The snapshot is a mark on the timeline.
    await host.page.keyboard.press("End");
    await host.page.getByRole("button", { name: "Early" }).click();
    expect(await dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 0.5, row: 0.5 });

    // The timeline downloads for analysis: both of Hal's placements, in order.
    const timeline = (await save(host.page, () => host.page.getByRole("link", { name: "Download the timeline (CSV)" }).click())).bytes.toString("utf8");
    const places = timeline.split("\r\n").filter((l) => l.includes(",place,rlhf,"));
    expect(places).toHaveLength(2);
    expect(places[0]).toMatch(/,p-hal,Hal,0\.5,0\.5,Engineering,Average-case$/);
    expect(places[1]).toMatch(/,p-hal,Hal,2\.5,2\.5,Cognitivist science,Worst-case$/);

    // Playing runs to the end.
    await host.page.getByRole("combobox", { name: "Speed" }).selectOption("300");
    await host.page.getByRole("button", { name: "Play" }).click();
    await expect(host.page.getByRole("button", { name: "Play again" })).toBeVisible();
    expect(await dotAt(host.page, "rlhf:p-hal", grid3)).toEqual({ col: 2.5, row: 2.5 });
    await expectNoSeriousA11yViolations(host.page);
  } finally {
    bot.close();
    await host.context.close();
  }
});

test("during a blind round the replay and a comparison with now wait for the reveal, except for the facilitator", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Blind replay" });
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const bot = await connectParticipant(baseURL!, board);
  try {
    const taken = await (await request.post(`/api/boards/${board.id}/snapshots?key=${board.keys.facilitator}`, { data: { name: "Start" } })).json();
    bot.join("p-hal", "Hal", "#059669");
    bot.place("rlhf", "p-hal", 2.5, 2.5);
    await host.page.getByRole("toolbar", { name: "Facilitator controls" }).getByRole("button", { name: "Start a blind round" }).click();
    await expect(host.page.locator("[data-dot]")).toHaveCount(0);
    const guest = await (await browser.newContext()).newPage();
    await guest.goto(`/b/${board.id}/replay?key=${board.keys.participant}`);
    await expect(guest.getByRole("heading", { name: "The replay opens after the reveal" })).toBeVisible();
    await expect(guest.locator("[data-dot]")).toHaveCount(0);
    await guest.goto(`/b/${board.id}/compare?from=${taken.id}&to=now`);
    await expect(guest.getByRole("heading", { name: "Comparing with now waits for the reveal" })).toBeVisible();
    await expect(guest.getByRole("table")).toHaveCount(0);
    await host.page.goto(`/b/${board.id}/replay`);
    await expect(host.page.getByRole("slider", { name: "Moment in the session" })).toBeVisible();
    await expect(host.page.locator('[data-dot="rlhf:p-hal"]')).toHaveCount(1);
    await host.page.goto(`/b/${board.id}/compare?from=${taken.id}&to=now`);
    await expect(host.page.getByRole("table").locator('[data-change="rlhf"]')).toContainText("RLHF");
    await guest.context().close();
  } finally {
    bot.close();
    await host.context.close();
  }
});
