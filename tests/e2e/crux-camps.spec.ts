import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs } from "./support";
import { shotPath } from "./shots";

/** Screenshots of this flow, to be looked at; CRUX_SHOTS puts them somewhere else than test-results. */
const shot = (name: string) => (process.env.CRUX_SHOTS ? path.join(process.env.CRUX_SHOTS, name) : shotPath(name));

const tray = (page: Page) => page.getByRole("region", { name: "Your notes to place" });
const cell = (page: Page, name: string) => page.getByRole("gridcell", { name, exact: true });
const contested = (page: Page) => page.getByRole("list", { name: "Most contested" });
const TOP_LEFT = "Engineering, Average-case";
const BOTTOM_RIGHT = "Cognitivist science, Worst-case";

/** Places Scaling in the middle of a corner cell by keyboard: the tray note, then two arrows from the middle cell, then Enter. */
async function placeScaling(page: Page, corner: "top-left" | "bottom-right") {
  await tray(page).getByRole("button", { name: /^Scaling/ }).focus();
  await page.keyboard.press("Enter");
  await expect(cell(page, "Behaviorist science, Pessimistic-case")).toBeFocused();
  await page.keyboard.press(corner === "top-left" ? "ArrowUp" : "ArrowDown");
  await page.keyboard.press(corner === "top-left" ? "ArrowLeft" : "ArrowRight");
  const target = corner === "top-left" ? TOP_LEFT : BOTTOM_RIGHT;
  await expect(cell(page, target)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(cell(page, target).getByRole("button", { name: "Scaling, your placement" })).toBeVisible();
}

/** Where a mark sits on the grid, in percent of the cell area, from its inline style. */
async function spotOf(page: Page, selector: string) {
  const style = (await page.locator(selector).getAttribute("style")) ?? "";
  return { left: Number(/left: ([\d.]+)%/.exec(style)?.[1]), top: Number(/top: ([\d.]+)%/.exec(style)?.[1]) };
}

test("two camps: the list says so, split first brings them up, and the grid and panel show who is in which", async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  if (process.env.CRUX_SHOTS) fs.mkdirSync(process.env.CRUX_SHOTS, { recursive: true });
  const board = await createBoard(request, { title: "Reading group: two camps" });
  const screen = { viewport: { width: 1280, height: 1100 } };
  const ana = await openAs(browser, board.links.join, "Ana", screen);
  const ben = await openAs(browser, board.links.join, "Ben", screen);
  const cy = await openAs(browser, board.links.join, "Cy", screen);
  const di = await openAs(browser, board.links.join, "Di", screen);
  const contexts = [ana.context, ben.context, cy.context, di.context];
  const host = await connectParticipant(baseURL!, board, "facilitator");
  try {
    await placeScaling(ana.page, "top-left");
    await placeScaling(ben.page, "top-left");
    await placeScaling(cy.page, "bottom-right");
    await placeScaling(di.page, "bottom-right");
    // RLHF spreads wider than Scaling but is no pair of camps: three placements, far apart.
    const [anaId, benId, cyId] = [await ana.participantId(), await ben.participantId(), await cy.participantId()];
    host.place("rlhf", anaId, 0.05, 0.05);
    host.place("rlhf", benId, 2.95, 0.05);
    host.place("rlhf", cyId, 1.5, 2.95);

    const { page } = ana;
    await page.setViewportSize({ width: 1280, height: 800 });
    const scaling = contested(page).getByRole("button", { name: /^Scaling/ });
    const rlhf = contested(page).getByRole("button", { name: /^RLHF/ });
    await expect(scaling).toContainText("two camps (2 vs 2)");
    // The words are part of the entry's accessible name, not only drawn.
    await expect(scaling).toHaveAccessibleName(/two camps \(2 vs 2\)/);
    await expect(scaling.locator('[data-shape="split"]')).toBeVisible();
    await expect(rlhf).toHaveAccessibleName(/scattered/);
    await expect(rlhf.locator('[data-shape="split"]')).toHaveCount(0);

    // Most contested puts the wider spread first; Split first puts the two camps first.
    const entries = contested(page).getByRole("button");
    await expect(entries.first()).toHaveAccessibleName(/^RLHF/);
    const order = page.getByRole("group", { name: "Order" });
    await expect(order.getByRole("button", { name: "Most contested" })).toHaveAttribute("aria-pressed", "true");
    await order.getByRole("button", { name: "Split first" }).click();
    await expect(order.getByRole("button", { name: "Split first" })).toHaveAttribute("aria-pressed", "true");
    await expect(entries.first()).toHaveAccessibleName(/^Scaling/);
    await expect(entries.nth(1)).toHaveAccessibleName(/^RLHF/);

    // Selecting it draws both camps' centres, tagged 2 and 2, with a line between, and no single centre between them.
    await scaling.click();
    const panel = page.getByRole("region", { name: "Scaling" });
    await expect(panel).toBeVisible();
    await expect(page.locator("[data-camp]")).toHaveCount(2);
    await expect(page.locator("[data-camp] [data-camp-size]")).toHaveText(["2", "2"]);
    await expect(page.locator('[data-centroid="scaling"]')).toHaveCount(0);
    await expect(page.locator('[data-ring="scaling"]')).toHaveCount(0);
    // Equal camps: the one further left first. Each sits in the middle of its corner cell.
    const [first, second] = [await spotOf(page, '[data-camp="0"]'), await spotOf(page, '[data-camp="1"]')];
    expect(first.left).toBeCloseTo(100 / 6, 0);
    expect(first.top).toBeCloseTo(100 / 6, 0);
    expect(second.left).toBeCloseTo(500 / 6, 0);
    expect(second.top).toBeCloseTo(500 / 6, 0);
    // Another item's centre is still drawn as the group's centre.
    await expect(page.locator('[data-centroid="rlhf"]')).toHaveCount(1);

    // The panel says the group is split, not where its centre is, and who is in which camp.
    await expect(panel).toContainText("Two camps of 2 and 2");
    await expect(panel).toContainText("Between the camps");
    const topCamp = panel.getByRole("list", { name: `Camp of 2, around ${TOP_LEFT}` });
    const bottomCamp = panel.getByRole("list", { name: `Camp of 2, around ${BOTTOM_RIGHT}` });
    await expect(topCamp.getByRole("listitem")).toHaveText(["You", "Ben"]);
    await expect(bottomCamp.getByRole("listitem")).toHaveText(["Cy", "Di"]);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: shot("desktop-1280x800-camps.png") });
    await page.screenshot({ path: shot("desktop-1280x800-camps-full.png"), fullPage: true });
    await panel.screenshot({ path: shot("desktop-panel.png") });
    await contested(page).screenshot({ path: shot("desktop-list.png") });

    // On an anonymous board the camps name people as the board does.
    host.setMeta("anonymous", true);
    await expect(topCamp.getByRole("listitem")).toHaveText(["You", "Participant 2"]);
    await expect(bottomCamp.getByRole("listitem")).toHaveText(["Participant 3", "Participant 4"]);
    host.setMeta("anonymous", false);
    await expect(bottomCamp.getByRole("listitem")).toHaveText(["Cy", "Di"]);

    // An unsplit item says its shape and keeps its centre and ring.
    await rlhf.click();
    await expect(page.getByRole("region", { name: "RLHF" })).toContainText("Scattered: no two camps");
    await expect(page.locator("[data-camp]")).toHaveCount(0);
    await expect(page.locator('[data-ring="rlhf"]')).toHaveCount(1);

    // On a phone, a viewer picks the item from the list and reads the camps.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    contexts.push(phone);
    const viewer = await phone.newPage();
    await viewer.goto(board.links.view);
    await expect(viewer.getByRole("status")).toHaveText("Live");
    await contested(viewer).getByRole("button", { name: /^Scaling/ }).tap();
    await expect(viewer.getByRole("region", { name: "Scaling" }).getByRole("list", { name: `Camp of 2, around ${TOP_LEFT}` })).toContainText("Ana");
    await expect(viewer.locator("[data-camp]")).toHaveCount(2);
    // The alignment map's goal corner gives it a priority, taken from a centre nobody placed it at: the panel says so.
    await expect(viewer.getByRole("region", { name: "Scaling" }).locator("[data-item-priority]")).toHaveText("Priority 0.50 of 1, from a centre between the camps");
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await viewer.screenshot({ path: shot("phone-390x844-camps.png") });
    await viewer.getByRole("region", { name: "The grid" }).screenshot({ path: shot("phone-grid.png") });
    await viewer.getByRole("region", { name: "Scaling" }).screenshot({ path: shot("phone-panel.png") });
    await viewer.getByRole("region", { name: "Most contested" }).screenshot({ path: shot("phone-list.png") });

    // The projector's list says the shape too, and the item in focus shows its camps.
    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    contexts.push(projector);
    const presenter = await projector.newPage();
    await presenter.goto(`/b/${board.id}/present?key=${board.keys.viewer}`);
    await expect(presenter.getByRole("status")).toHaveText("Live");
    await expect(contested(presenter).getByRole("button", { name: /^Scaling/ })).toContainText("two camps (2 vs 2)");
    await presenter.screenshot({ path: shot("projector-1920x1080-ranking.png") });
    host.setMeta("focus", "scaling");
    await expect(presenter.locator("[data-camp]")).toHaveCount(2);
    await expect(presenter.getByRole("region", { name: "Scaling" })).toContainText("Camp of 2");
    await presenter.screenshot({ path: shot("projector-1920x1080-camps.png") });

    // A blind round hides the camps with the rest of the group's placements.
    host.setMeta("focus", null);
    host.setMeta("blind", true);
    await expect(page.locator("[data-camp]")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Scaling" })).toContainText("hidden until the facilitator reveals them");
    await expect(page.getByRole("region", { name: "Scaling" })).not.toContainText("Camp of");
    await expect(presenter.locator("[data-camp]")).toHaveCount(0);
    await expect(presenter.locator("[data-shape]")).toHaveCount(0);
  } finally {
    host.close();
    for (const context of contexts) await context.close();
  }
});
