import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs, OFFLINE_KEPT_HERE } from "./support";
import { freePort, killHard, startAppServer, tempDataDir } from "./server-process";

const contested = (page: Page) => page.getByRole("list", { name: "Most contested" });
const entry = (page: Page, text: string) => contested(page).getByRole("button", { name: new RegExp(`^${text}`) });
const focusBar = (page: Page) => page.getByRole("region", { name: "Facilitator focus" });
const panelHeading = (page: Page) => page.locator("#detail-heading");
const itemList = (page: Page) => page.locator('section[aria-labelledby="items-heading"]');
/** The essay's cell for an item, or a distance from it; the layer's button ("Essay’s placements") does not match. */
const ESSAY_ANSWER = /essay’s placement(?!s)|cells from the group’s centre/i;

test("the essay's placements stay off the page, its pictures included, while the layer is off, in a blind round too", async ({ browser, page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Week 3" });
  const bot = await connectParticipant(baseURL!, board);
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    bot.join("p-ada", "Ada", "#2563eb");
    bot.join("p-bo", "Bo", "#db2777");
    bot.place("rlhf", "p-ada", 0.5, 0.5);
    bot.place("rlhf", "p-bo", 2.5, 2.5);
    await page.goto(board.links.facilitate);
    await entry(page, "RLHF").click();
    const detail = page.getByRole("region", { name: "RLHF" });
    await expect(detail).toContainText("Ada — Engineering, Average-case");
    const layer = page.getByRole("button", { name: "Essay’s placements" });
    await expect(layer).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator("body")).not.toContainText(ESSAY_ANSWER);

    // The picture of the board's view carries no essay cell either.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download SVG" }).click();
    const svg = fs.readFileSync((await (await download).path())!, "utf8");
    expect(svg).toContain("RLHF");
    expect(svg).not.toMatch(/essay/i);

    await layer.click();
    await expect(detail).toContainText("1.00 cells from the group’s centre");
    await expect(itemList(page)).toContainText("Essay’s placement: Engineering · Pessimistic-case");
    await expect(entry(page, "RLHF")).toContainText("1.00 cells from the essay’s placement");
    await layer.click();
    await expect(page.locator("body")).not.toContainText(ESSAY_ANSWER);

    // A blind round: a participant sees only their own placements, and no essay cells unless they ask.
    await page.getByRole("toolbar", { name: "Facilitator controls" }).getByRole("button", { name: "Start a blind round" }).click();
    await expect(guest.page.getByRole("heading", { name: "Blind round", level: 2 })).toBeVisible();
    await guest.page.getByRole("region", { name: "Your notes to place" }).getByRole("button", { name: /^RLHF/ }).focus();
    await guest.page.keyboard.press("Enter");
    await guest.page.keyboard.press("Enter");
    await expect(guest.page.locator("[data-note]")).toHaveCount(1);
    await expect(panelHeading(guest.page)).toHaveText("RLHF");
    await expect(guest.page.locator("body")).not.toContainText(ESSAY_ANSWER);
    await guest.page.getByRole("button", { name: "Essay’s placements" }).click();
    await expect(itemList(guest.page)).toContainText("Essay’s placement: Engineering · Pessimistic-case");
  } finally {
    bot.close();
    await guest.context.close();
  }
});

test("the numbers have plain names, a group without a common cell is told so, and the exact definitions are one tap away", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Plain words" });
  const bot = await connectParticipant(baseURL!, board);
  try {
    for (const [id, name] of [["p-ada", "Ada"], ["p-bo", "Bo"], ["p-cy", "Cy"], ["p-di", "Di"]]) bot.join(id!, name!, "#2563eb");
    // Three people, three cells.
    bot.place("rlhf", "p-ada", 0.5, 0.5);
    bot.place("rlhf", "p-bo", 1.5, 0.5);
    bot.place("rlhf", "p-cy", 2.5, 2.5);
    // Two and two.
    bot.place("scaling", "p-ada", 0.5, 0.5);
    bot.place("scaling", "p-bo", 0.6, 0.6);
    bot.place("scaling", "p-cy", 2.5, 2.5);
    bot.place("scaling", "p-di", 2.6, 2.6);
    // Two of three in one cell.
    bot.place("ai-control", "p-ada", 2.5, 1.5);
    bot.place("ai-control", "p-bo", 2.6, 1.6);
    bot.place("ai-control", "p-cy", 0.5, 0.5);
    await page.goto(board.links.facilitate);

    await expect(entry(page, "RLHF")).toContainText("no common cell");
    await expect(entry(page, "Scaling")).toContainText("split evenly between Engineering, Average-case and Cognitivist science, Worst-case");
    await expect(entry(page, "AI control")).toContainText("common cell: Behaviorist science, Worst-case (67 %)");
    await expect(contested(page)).not.toContainText("most in");

    await entry(page, "RLHF").click();
    const detail = page.getByRole("region", { name: "RLHF" });
    await expect(detail.getByRole("definition").filter({ hasText: "no common cell" })).toHaveCount(1);
    await expect(detail).toContainText("Spread");
    await expect(detail).toContainText("typical distance from the group’s centre, in cells");
    await expect(detail).toContainText("Scatter");
    await expect(detail).toContainText("0 = all in one cell, 1 = evenly over every cell");
    await expect(detail).toContainText("Diagonal");
    // (1/6 + 2/6 + 5/6) / 3 = 0.44
    await expect(detail).toContainText("44 % of the way from top-left to bottom-right");
    // The names of the export's fields appear only with the exact definitions, below.
    await expect(detail.locator("dl").first()).not.toContainText(/entropy|alignment|RMS|agreement/i);

    // The exact definitions: a disclosure that a keyboard opens (and a tap, being a native one).
    const how = detail.getByText("How these are computed");
    await how.focus();
    await page.keyboard.press("Enter");
    const definitions = detail.getByRole("group").filter({ hasText: "How these are computed" });
    await expect(definitions).toContainText("√(mean |pᵢ − c|²)");
    await expect(definitions).toContainText("ln(rows × columns)");
    await expect(definitions).toContainText("(colᵢ / columns + rowᵢ / rows) / 2");
    await expectNoSeriousA11yViolations(page);

    // The panel decides as the list does.
    await entry(page, "Scaling").click();
    await expect(page.getByRole("region", { name: "Scaling" })).toContainText(
      "Common cellSplit evenly between Engineering, Average-case and Cognitivist science, Worst-case",
    );
    await entry(page, "AI control").click();
    await expect(page.getByRole("region", { name: "AI control" })).toContainText("Common cellBehaviorist science, Worst-case 2 of 3 placements (67 %)");
  } finally {
    bot.close();
  }
});

test("the contested list reorders while focus is in it, and holds still, saying so, only while the pointer is over it", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Live ranking" });
  const bot = await connectParticipant(baseURL!, board);
  try {
    bot.join("p-ada", "Ada", "#2563eb");
    bot.join("p-bo", "Bo", "#db2777");
    bot.place("rlhf", "p-ada", 0.5, 0.5);
    bot.place("rlhf", "p-bo", 2.5, 2.5);
    bot.place("scaling", "p-ada", 0.5, 0.5);
    bot.place("scaling", "p-bo", 0.6, 0.6);
    await page.goto(board.links.facilitate);
    const first = contested(page).getByRole("listitem").first();
    await expect(first).toContainText("RLHF");
    const held = page.getByText("Order held while you point here");

    // A click on an entry, then the pointer goes elsewhere: a re-vote re-ranks the list.
    await entry(page, "Scaling").click();
    await page.mouse.move(1, 1);
    bot.place("scaling", "p-bo", 2.9, 2.9);
    await expect(first).toContainText("Scaling");

    // Keyboard focus inside the list does not hold it.
    await entry(page, "RLHF").focus();
    bot.place("rlhf", "p-ada", 0.1, 0.1);
    bot.place("rlhf", "p-bo", 2.95, 2.95);
    await expect(first).toContainText("RLHF");
    await expect(entry(page, "RLHF")).toBeFocused();

    // The pointer over the list holds the order, and the list says so; the numbers stay live.
    await contested(page).hover();
    await expect(held).toBeVisible();
    bot.place("scaling", "p-ada", 0.05, 0.05);
    bot.place("scaling", "p-bo", 2.99, 2.99);
    await expect(entry(page, "Scaling")).toContainText("2.08");
    await expect(first).toContainText("RLHF");
    await expect(held).toBeVisible();
    await page.mouse.move(1, 1);
    await expect(first).toContainText("Scaling");
    await expect(held).toHaveCount(0);
  } finally {
    bot.close();
  }
});

test("the facilitator ends a focus with Stop focusing, from the panel or the focus bar", async ({ browser, page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Ending a focus" });
  const bot = await connectParticipant(baseURL!, board);
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    bot.join("p-hal", "Hal", "#059669");
    bot.place("rlhf", "p-hal", 1.5, 0.5);
    bot.place("scaling", "p-hal", 0.5, 0.5);
    await page.goto(board.links.facilitate);
    await entry(page, "RLHF").click();
    const panel = page.getByRole("region", { name: "RLHF" });
    await panel.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(focusBar(guest.page)).toContainText("The facilitator is focusing on RLHF.");
    await expect(panel.getByRole("button", { name: "Focus everyone here" })).toHaveCount(0);
    await expect(focusBar(page)).toContainText("Everyone is looking at RLHF.");
    await expectNoSeriousA11yViolations(page);
    await expectNoSeriousA11yViolations(guest.page);

    // From the panel of the focused item.
    await panel.getByRole("button", { name: "Stop focusing" }).click();
    await expect(focusBar(guest.page)).toHaveCount(0);
    await expect(focusBar(page)).toHaveCount(0);
    await expect(panel.getByRole("button", { name: "Focus everyone here" })).toBeVisible();

    // From the focus bar, while another item is open.
    await panel.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(focusBar(guest.page)).toContainText("RLHF");
    await entry(page, "Scaling").click();
    await expect(page.getByRole("region", { name: "Scaling" }).getByRole("button", { name: "Focus everyone here" })).toBeVisible();
    await focusBar(page).getByRole("button", { name: "Stop focusing" }).click();
    await expect(focusBar(guest.page)).toHaveCount(0);
    await expect(focusBar(page)).toHaveCount(0);
  } finally {
    bot.close();
    await guest.context.close();
  }
});

test("a participant who opens another item is offered the way back to the focused one, not Stop following", async ({ browser, page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Wandering off" });
  const bot = await connectParticipant(baseURL!, board);
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    bot.join("p-hal", "Hal", "#059669");
    bot.place("rlhf", "p-hal", 1.5, 0.5);
    bot.place("scaling", "p-hal", 0.5, 0.5);
    await page.goto(board.links.facilitate);
    await entry(page, "RLHF").click();
    await page.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(panelHeading(guest.page)).toHaveText("RLHF");
    await expect(focusBar(guest.page).getByRole("button", { name: "Stop following" })).toBeVisible();

    await entry(guest.page, "Scaling").click();
    await expect(panelHeading(guest.page)).toHaveText("Scaling");
    await expect(focusBar(guest.page)).toContainText("The facilitator is focusing on RLHF.");
    await expect(focusBar(guest.page).getByRole("button", { name: "Stop following" })).toHaveCount(0);
    await focusBar(guest.page).getByRole("button", { name: "Follow the facilitator" }).click();
    await expect(panelHeading(guest.page)).toHaveText("RLHF");
    await expect(focusBar(guest.page).getByRole("button", { name: "Stop following" })).toBeVisible();
  } finally {
    bot.close();
    await guest.context.close();
  }
});

test("on a phone, a focus that arrives is brought into view, above a grid taller than the screen", async ({ browser, page, request, baseURL }) => {
  const axes = (prefix: string) => Array.from({ length: 5 }, (_, i) => ({ id: `${prefix}${i + 1}`, label: `${prefix.toUpperCase()}${i + 1} long label` }));
  const board = await createBoard(request, { title: "Focus on a phone", template: "blank", grid: { rows: axes("r"), columns: axes("c") } });
  const bot = await connectParticipant(baseURL!, board);
  const phone = await openAs(browser, board.links.join, "Pia", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    bot.join("p-hal", "Hal", "#059669");
    bot.addItem("idea", "Shared idea", "p-hal");
    bot.place("idea", "p-hal", 4.5, 4.5);
    await page.goto(board.links.facilitate);
    // Pia is reading further down the page.
    await expect(phone.page.locator('[data-centroid="idea"]')).toHaveCount(1);
    await phone.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(phone.page.getByRole("heading", { name: "The grid" })).not.toBeInViewport();
    await entry(page, "Shared idea").click();
    await page.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(focusBar(phone.page)).toContainText("The facilitator is focusing on Shared idea.");
    await expect(focusBar(phone.page)).toBeInViewport({ ratio: 1 });
    // Above the grid, where it is seen whatever the grid's height, not below it.
    const bar = (await focusBar(phone.page).boundingBox())!;
    const grid = (await phone.page.getByRole("grid").boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(grid.y);
  } finally {
    bot.close();
    await phone.context.close();
  }
});

test("a connection that goes silent shows as offline within five seconds, wherever the page is scrolled, and comes back live", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  // A server of its own, so the test can freeze it: its sockets stay open and nothing comes back, as when a network drops.
  const server = await startAppServer(await freePort(), tempDataDir("e2e-silence"));
  try {
    const api = await playwright.request.newContext({ baseURL: server.url });
    const board = await createBoard(api, { title: "Silence" });
    await api.dispose();
    await page.goto(server.url + board.links.facilitate);
    const status = page.getByRole("status");
    await expect(status).toHaveText("Live");
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.getByRole("heading", { level: 1 })).not.toBeInViewport();
    await expect(status).toBeInViewport();

    server.child.kill("SIGSTOP");
    const frozenAt = Date.now();
    await expect(status).toHaveText(OFFLINE_KEPT_HERE, { timeout: 5000 });
    expect(Date.now() - frozenAt).toBeLessThan(5000);
    await expect(status).toBeInViewport();

    server.child.kill("SIGCONT");
    await expect(status).toHaveText("Live", { timeout: 15_000 });
  } finally {
    server.child.kill("SIGCONT");
    await killHard(server);
  }
});

test("a browser that goes offline says so at once, and live again when the network is back", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Offline" });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(board.links.facilitate);
    const status = page.getByRole("status");
    await expect(status).toHaveText("Live");
    // Chromium's offline mode silences open websockets without closing them: only the page's own watch can tell.
    await context.setOffline(true);
    const droppedAt = Date.now();
    await expect(status).toHaveText(OFFLINE_KEPT_HERE, { timeout: 5000 });
    expect(Date.now() - droppedAt).toBeLessThan(5000);
    await context.setOffline(false);
    await expect(status).toHaveText("Live", { timeout: 15_000 });
  } finally {
    await context.close();
  }
});

