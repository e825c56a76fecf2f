import { expect as baseExpect, test, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { createBoard, expectNoSeriousA11yViolations, openAs, participantIdIn } from "./support";
import { shotPath } from "./shots";

/*
 * Seats (contract v2): each person's notes are their own. Several browsers on one server, on a
 * shared two-core machine: pages get more time than the default to go live.
 */
const expect = baseExpect.configure({ timeout: 30_000 });

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

const tray = (page: Page) => page.getByRole("region", { name: "Your notes to place" });
const chip = (page: Page, text: string) => tray(page).getByRole("button", { name: new RegExp(`^${text}`) });
const cell = (page: Page, name: string) => page.getByRole("gridcell", { name, exact: true });
const mine = (page: Page, text: string) => page.getByRole("button", { name: `${text}, your placement` });
const dotOf = (page: Page, item: string, participant: string) => page.locator(`[data-dot="${item}:${participant}"]`);

/** Places a tray note by keyboard: Enter on the chip starts in the middle cell, arrows move, Enter drops. */
async function placeByKeyboard(page: Page, text: string, moves: string[]) {
  await chip(page, text).focus();
  await page.keyboard.press("Enter");
  for (const key of moves) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(mine(page, text)).toBeVisible();
}

async function center(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The facilitator's page on a device of its own. */
async function openFacilitator(browser: Browser, link: string, options: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("status")).toHaveText("Live");
  return { context, page };
}

/** Opens the people list on the facilitator's page (a tap on a phone) and the removal dialog for one person. */
async function askToRemove(page: Page, name: string, touch = false) {
  const people = page.getByText("People on this board");
  const remove = page.getByRole("button", { name: `Remove ${name}` });
  if (!(await remove.isVisible())) await (touch ? people.tap() : people.click());
  await remove.scrollIntoViewIfNeeded();
  await (touch ? remove.tap() : remove.click());
  const dialog = page.getByRole("dialog", { name: `Remove ${name} from this board?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(
    "Their seat stops working and their open pages close. The link still opens the board: replace the participant link to keep someone out.",
  );
  return dialog;
}

test("each person moves only their own notes; a reload is the same person; another browser with the same name is someone else", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const board = await createBoard(request, { title: "Seats" });
  const screen = { viewport: { width: 1280, height: 1100 } };
  const ana = await openAs(browser, board.links.join, "Ana", screen);
  const ben = await openAs(browser, board.links.join, "Ben", screen);
  let other: Awaited<ReturnType<typeof openAs>> | null = null;
  try {
    const [anaId, benId] = [await ana.participantId(), await ben.participantId()];
    expect(anaId).toMatch(/^p-/);
    expect(benId).toMatch(/^p-/);
    expect(anaId).not.toBe(benId);

    await placeByKeyboard(ana.page, "Scaling", ["ArrowUp", "ArrowLeft"]);
    await placeByKeyboard(ben.page, "Scaling", ["ArrowDown", "ArrowRight"]);

    // On each page, the person's own note is a button that moves; the other's is a mark and nothing more.
    for (const [page, own, theirs] of [
      [ana.page, anaId, benId],
      [ben.page, benId, anaId],
    ] as const) {
      await expect(mine(page, "Scaling")).toHaveCount(1);
      await expect(dotOf(page, "scaling", theirs)).toHaveCount(1);
      await expect(dotOf(page, "scaling", own)).toHaveCount(0);
      const theirDot = dotOf(page, "scaling", theirs);
      expect(await theirDot.evaluate((el) => el.closest("button, [role=button], [draggable=true]") === null)).toBe(true);
    }

    // Ben's own item: his to delete while only he has placed it; once Ana has, only the facilitator can.
    const items = ben.page.getByRole("region", { name: /^Items/ });
    await items.getByText("Add an item").click();
    await ben.page.getByLabel("Item text").fill("Debate");
    await ben.page.getByRole("button", { name: "Add item" }).click();
    await placeByKeyboard(ben.page, "Debate", []);
    await expect(items.getByRole("button", { name: "Delete Debate" })).toBeVisible();
    await placeByKeyboard(ana.page, "Debate", ["ArrowUp"]);
    await expect(items.getByRole("button", { name: "Delete Debate" })).toHaveCount(0);
    await expect(items).toContainText("Someone else has placed it, so only the facilitator can delete it now.");

    // A reload is the same person: the same id, and the note is still theirs to move.
    await ana.page.reload();
    await expect(ana.page.getByRole("status")).toHaveText("Live");
    await expect(mine(ana.page, "Scaling")).toBeVisible();
    expect(await participantIdIn(ana.page)).toBe(anaId);
    const note = mine(ana.page, "Scaling");
    const from = await center(note);
    const to = await center(cell(ana.page, "Engineering, Pessimistic-case"));
    await ana.page.mouse.move(from.x, from.y);
    await ana.page.mouse.down();
    await ana.page.mouse.move(from.x + 20, from.y + 20, { steps: 4 });
    await ana.page.mouse.move(to.x, to.y, { steps: 10 });
    await ana.page.mouse.up();
    await expect(cell(ana.page, "Engineering, Pessimistic-case").getByRole("button", { name: "Scaling, your placement" })).toBeVisible();
    // Accepted by the server: Ben sees it move.
    const left = async () => Number(/left: ([\d.]+)%/.exec((await dotOf(ben.page, "scaling", anaId).getAttribute("style")) ?? "")?.[1]);
    await expect.poll(left).toBeGreaterThan(100 / 3);
    expect(await left()).toBeLessThan(200 / 3);

    // Another browser with the same name is another person, asked for a name the group can tell apart.
    other = await openAs(browser, board.links.join, "Ana", screen);
    const join = other.page.getByRole("region", { name: "Join this board" });
    await expect(join).toBeVisible();
    await expect(join.getByRole("alert")).toContainText("Someone here is already called Ana");
    await join.getByRole("button", { name: "Use “Ana B.”" }).click();
    await expect(tray(other.page)).toBeVisible();
    const otherId = await other.participantId();
    expect(otherId).not.toBe(anaId);
    await expect(ben.page.getByRole("region", { name: "Here now" })).toContainText("Ana B.");
  } finally {
    await other?.context.close();
    await ana.context.close();
    await ben.context.close();
  }
});

test("the facilitator removes people: their pages say so, and their notes stay or go as chosen", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const board = await createBoard(request, { title: "Reading group" });
  const ana = await openAs(browser, board.links.join, "Ana", DESKTOP);
  const ben = await openAs(browser, board.links.join, "Ben", PHONE);
  const cy = await openAs(browser, board.links.join, "Cy", PROJECTOR);
  const host = await openFacilitator(browser, board.links.facilitate, DESKTOP);
  const hostPhone = await openFacilitator(browser, board.links.facilitate, PHONE);
  try {
    const [anaId, benId, cyId] = [await ana.participantId(), await ben.participantId(), await cy.participantId()];
    await placeByKeyboard(ana.page, "Scaling", ["ArrowUp"]);
    await placeByKeyboard(cy.page, "Scaling", ["ArrowDown"]);
    await chip(ben.page, "Scaling").tap();
    await cell(ben.page, "Engineering, Average-case").tap();
    await expect(mine(ben.page, "Scaling")).toBeVisible();
    await expect(dotOf(cy.page, "scaling", benId)).toHaveCount(1);
    await expect(dotOf(cy.page, "scaling", anaId)).toHaveCount(1);

    // Ana, by keyboard, with her notes taken off: Escape first leaves everything as it was.
    const { page } = host;
    await page.getByText("People on this board").click();
    const removeAna = page.getByRole("button", { name: "Remove Ana" });
    await removeAna.focus();
    await page.keyboard.press("Enter");
    let dialog = page.getByRole("dialog", { name: "Remove Ana from this board?" });
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(removeAna).toBeFocused();
    dialog = await askToRemove(page, "Ana");
    await expect(dialog.getByRole("radio", { name: /Keep their notes on the board/ })).toBeChecked();
    await page.screenshot({ path: shotPath("seats-remove-dialog-desktop.png") });
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole("radio", { name: /Keep their notes on the board/ }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(dialog.getByRole("radio", { name: /Take their notes off too/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Remove Ana" }).focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText("Ana was removed from the board. Their notes were taken off.")).toBeVisible();

    await expect(ana.page.getByRole("heading", { name: "You were removed from this board" })).toBeVisible();
    await expect(ana.page.getByText("The facilitator removed you from this board.")).toBeVisible();
    await expect(tray(ana.page)).toHaveCount(0);
    expect(await ana.page.evaluate((id) => localStorage.getItem(`cruxboard:seat:${id}`), board.id)).toBeNull();
    await ana.page.screenshot({ path: shotPath("seats-removed-desktop.png") });
    await expectNoSeriousA11yViolations(ana.page);
    // Her notes left the other pages.
    await expect(dotOf(cy.page, "scaling", anaId)).toHaveCount(0);
    await expect(dotOf(ben.page, "scaling", anaId)).toHaveCount(0);

    // Ben, by touch on the facilitator's phone, keeping his notes.
    const phoneDialog = await askToRemove(hostPhone.page, "Ben", true);
    await hostPhone.page.screenshot({ path: shotPath("seats-remove-dialog-phone.png") });
    await phoneDialog.getByRole("button", { name: "Remove Ben" }).tap();
    await expect(hostPhone.page.getByText("Ben was removed from the board. Their notes stay on the board.")).toBeVisible();
    await expect(ben.page.getByRole("heading", { name: "You were removed from this board" })).toBeVisible();
    await ben.page.screenshot({ path: shotPath("seats-removed-phone.png"), fullPage: true });
    await expect(dotOf(cy.page, "scaling", benId)).toHaveCount(1);

    // Cy, from the facilitator's screen at projector size.
    await page.setViewportSize(PROJECTOR.viewport);
    const bigDialog = await askToRemove(page, "Cy");
    await page.screenshot({ path: shotPath("seats-remove-dialog-projector.png") });
    await bigDialog.getByRole("button", { name: "Remove Cy" }).click();
    await expect(cy.page.getByRole("heading", { name: "You were removed from this board" })).toBeVisible();
    await cy.page.screenshot({ path: shotPath("seats-removed-projector.png") });
    expect(cyId).toMatch(/^p-/);
  } finally {
    for (const c of [ana, ben, cy, host, hostPhone]) await c.context.close();
  }
});
