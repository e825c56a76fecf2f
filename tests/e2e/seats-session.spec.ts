import { expect as baseExpect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { createBoard, expectNoSeriousA11yViolations, openAs, participantIdIn, readQrOnPage } from "./support";
import { shotPath } from "./shots";

/*
 * Seats as the people of a session meet them, each in a browser of their own: a facilitator on a
 * laptop, the presenter view on a projector, Pia on a phone (join code, then a reload and a second
 * tab), Pio on a second phone with the same name (the QR code), Kim with the keyboard alone. Then the
 * things that go wrong: a locked board under a drag, a person removed mid-drag, a removed person
 * reloading, and a phone that goes offline and comes back.
 */
const expect = baseExpect.configure({ timeout: 30_000 });

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

const tray = (page: Page) => page.getByRole("region", { name: "Your notes to place" });
const chip = (page: Page, text: string) => tray(page).getByRole("button", { name: new RegExp(`^${text}`) });
const cell = (page: Page, name: string) => page.getByRole("gridcell", { name, exact: true });
const mine = (page: Page, text: string) => page.getByRole("button", { name: `${text}, your placement` });
const joinForm = (page: Page) => page.getByRole("region", { name: "Join this board" });
const removedHeading = (page: Page) => page.getByRole("heading", { name: "You were removed from this board" });

/** Counts, from the first paint, every time the join form shows: a remembered seat must never show it. */
const watchForJoinForm = (context: BrowserContext) =>
  context.addInitScript(() => {
    const w = window as unknown as { joinFormSeen: number };
    w.joinFormSeen = 0;
    let shown = false;
    new MutationObserver(() => {
      const now = [...document.querySelectorAll("h2, h1")].some((h) => h.textContent === "Join this board");
      if (now && !shown) w.joinFormSeen++;
      shown = now;
    }).observe(document, { childList: true, subtree: true });
  });
const joinFormSeen = (page: Page) => page.evaluate(() => (window as unknown as { joinFormSeen: number }).joinFormSeen);

async function center(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Tabs forward until `target` has focus, as a keyboard user does; fails if it takes more than `most`. */
async function tabTo(page: Page, target: Locator, most = 40) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reached in ${most} Tabs`);
}

test("a session with seats: join by code, QR and keyboard, places, a reload, two tabs, a name taken twice, own items", async ({ browser }) => {
  test.setTimeout(240_000);
  const laptop = await browser.newContext(DESKTOP);
  const piaContext = await browser.newContext(PHONE);
  const pioContext = await browser.newContext(PHONE);
  const kimContext = await browser.newContext(DESKTOP);
  try {
    // The facilitator creates the board.
    const host = await laptop.newPage();
    await host.goto("/");
    await host.getByLabel("Board title").fill("Seats week");
    await host.getByRole("button", { name: "Create board" }).click();
    await expect(host.getByRole("status")).toHaveText("Live");
    const participantLink = await host.getByRole("textbox", { name: "Participant link" }).inputValue();
    const boardId = new URL(host.url()).pathname.split("/")[2]!;

    // The projector shows the presenter view with the code and the QR code.
    const popup = host.waitForEvent("popup");
    await host.getByRole("link", { name: "Open the presenter view" }).click();
    const projector = await popup;
    await projector.setViewportSize(PROJECTOR.viewport);
    await expect(projector.getByRole("status")).toHaveText("Live");
    const code = (await projector.locator("[data-join-code]").getAttribute("data-join-code"))!;
    const qrLink = await readQrOnPage(projector.getByRole("img", { name: "QR code of the join link" }));
    expect(qrLink).toBe(participantLink);
    await projector.screenshot({ path: shotPath("seats-session-projector-join.png") });

    // Pia, on her phone, types the code from the wall.
    await watchForJoinForm(piaContext);
    const pia = await piaContext.newPage();
    await pia.goto("/join");
    await pia.getByRole("textbox", { name: "Join code" }).fill(code.toLowerCase());
    await pia.getByRole("button", { name: "Join", exact: true }).tap();
    await expect(pia).toHaveURL(new RegExp(`/b/${boardId}$`));
    await expect(joinForm(pia)).toBeVisible();
    await pia.getByLabel("Your name").fill("Pia");
    await pia.screenshot({ path: shotPath("seats-session-join-phone.png") });
    await pia.getByRole("button", { name: "Join", exact: true }).tap();
    await expect(tray(pia)).toBeVisible();
    await expect(pia.getByRole("status")).toHaveText("Live");
    const piaId = await participantIdIn(pia);
    expect(piaId).toMatch(/^p-/);
    await expect(projector.getByRole("list", { name: "Session" })).toContainText("1 participant");

    // Pio scans the QR code on another phone and types the same name: told at once, with a way out.
    const pio = await pioContext.newPage();
    await pio.goto(qrLink);
    await pio.getByLabel("Your name").fill("pia");
    await pio.getByRole("button", { name: "Join", exact: true }).tap();
    const taken = joinForm(pio).getByRole("alert");
    await expect(taken).toContainText("Someone here is already called pia");
    await pio.screenshot({ path: shotPath("seats-session-name-taken-phone.png") });
    await pio.getByLabel("Your name").fill("Pio");
    await expect(joinForm(pio).getByRole("alert")).toHaveCount(0);
    await pio.getByRole("button", { name: "Join", exact: true }).tap();
    await expect(tray(pio)).toBeVisible();
    expect(await participantIdIn(pio)).not.toBe(piaId);

    // Kim, with the keyboard alone: Tab to the name, type, Enter.
    const kim = await kimContext.newPage();
    await kim.goto(participantLink);
    await expect(joinForm(kim)).toBeVisible();
    const tabsToName = await tabTo(kim, kim.getByLabel("Your name"));
    test.info().annotations.push({ type: "measured", description: `Kim: ${tabsToName} Tabs to the name` });
    await kim.keyboard.type("Kim");
    await kim.screenshot({ path: shotPath("seats-session-join-desktop.png") });
    await kim.keyboard.press("Enter");
    await expect(tray(kim)).toBeVisible();
    // Where the keyboard is after joining: on the first note to place, not lost on the body.
    await expect(tray(kim).locator("[data-tray-item]").first()).toBeFocused();
    await tabTo(kim, chip(kim, "Scaling"));
    await kim.keyboard.press("Enter");
    await kim.keyboard.press("ArrowUp");
    await kim.keyboard.press("Enter");
    await expect(mine(kim, "Scaling")).toBeVisible();
    // The reason, from the keyboard: back one to "Why here?", Enter, type, Enter.
    await kim.keyboard.press("Shift+Tab");
    await expect(tray(kim).getByRole("button", { name: "Why here? Give your reason for Scaling" })).toBeFocused();
    await kim.keyboard.press("Enter");
    await kim.keyboard.type("Scaling is where it starts");
    await kim.keyboard.press("Enter");
    // An item of her own, from the keyboard.
    const items = kim.getByRole("region", { name: /^Items/ });
    await tabTo(kim, items.getByText("Add an item"), 80);
    await kim.keyboard.press("Enter");
    await tabTo(kim, kim.getByLabel("Item text"), 5);
    await kim.keyboard.type("Debate");
    await kim.keyboard.press("Enter");
    await expect(chip(kim, "Debate")).toBeVisible();
    await expect(items.getByRole("button", { name: "Delete Debate" })).toBeVisible();

    // Pia places Kim's item by touch: two taps.
    await chip(pia, "Debate").tap();
    await cell(pia, "Engineering, Average-case").tap();
    await expect(mine(pia, "Debate")).toBeAttached();
    // Now Kim cannot delete it, and is told why.
    await expect(items.getByRole("button", { name: "Delete Debate" })).toHaveCount(0);
    await expect(items).toContainText("Someone else has placed it, so only the facilitator can delete it now.");

    // Pia reloads: the same person, straight back to her notes, the join form never shown again.
    const seenBefore = await joinFormSeen(pia);
    await pia.reload();
    await expect(pia.getByRole("status")).toHaveText("Live");
    await expect(tray(pia)).toBeVisible();
    await expect(mine(pia, "Debate")).toBeAttached();
    expect(await participantIdIn(pia)).toBe(piaId);
    expect(await joinFormSeen(pia), "the join form flashed on a reload").toBe(0);
    expect(seenBefore).toBeGreaterThan(0);
    // A second tab of hers is her too.
    const piaTab = await piaContext.newPage();
    await piaTab.goto(participantLink);
    await expect(piaTab.getByRole("status")).toHaveText("Live");
    await expect(mine(piaTab, "Debate")).toBeAttached();
    expect(await participantIdIn(piaTab)).toBe(piaId);
    expect(await joinFormSeen(piaTab)).toBe(0);
    await piaTab.close();

    // Pia mistyped nothing, but wants her initial: her own chip in "Here now" changes her name.
    const ownChip = (page: Page, name: string) => page.getByRole("button", { name: `${name} (you): change your name` });
    await ownChip(pia, "Pia").tap();
    const rename = pia.getByRole("region", { name: "Change your name" });
    await expect(rename).toBeVisible();
    await expect(rename.getByRole("textbox", { name: "Your name" })).toBeFocused();
    await expect(rename.getByRole("textbox", { name: "Your name" })).toHaveValue("Pia");
    await rename.getByRole("button", { name: "Cancel" }).tap();
    await expect(rename).toHaveCount(0);
    await expect(ownChip(pia, "Pia")).toBeFocused();
    await ownChip(pia, "Pia").tap();
    await rename.getByRole("textbox", { name: "Your name" }).fill("Pio");
    await rename.getByRole("button", { name: "Save name" }).tap();
    await expect(rename.getByRole("alert")).toContainText("Someone here is already called Pio");
    await rename.getByRole("textbox", { name: "Your name" }).fill("Pia R.");
    // What was said was about the name as it was: typing another takes it away.
    await expect(rename.getByRole("alert")).toHaveCount(0);
    await pia.screenshot({ path: shotPath("seats-session-rename-phone.png") });
    await expectNoSeriousA11yViolations(pia);
    await rename.getByRole("button", { name: "Save name" }).tap();
    await expect(rename).toHaveCount(0);
    await expect(ownChip(pia, "Pia R.")).toBeFocused();
    await expect(kim.getByRole("region", { name: "Here now" })).toContainText("Pia R.");
    await expect(ownChip(kim, "Kim")).toBeVisible();
    await kim.evaluate(() => window.scrollTo(0, 0));
    await kim.screenshot({ path: shotPath("seats-session-own-chip-desktop.png") });
    await pia.reload();
    await expect(ownChip(pia, "Pia R.")).toBeVisible();
    expect(await participantIdIn(pia)).toBe(piaId);

    // The facilitator places too, and sees everyone.
    await host.getByRole("button", { name: "I’m placing too" }).click();
    await host.getByLabel("Your name").fill("Fay");
    await host.getByRole("button", { name: "Start placing" }).click();
    await expect(tray(host)).toBeVisible();
    await chip(host, "Scaling").click();
    await cell(host, "Engineering, Worst-case").click();
    await expect(mine(host, "Scaling")).toBeVisible();
    const people = host.getByText("People on this board");
    await people.click();
    for (const name of ["Pia R.", "Pio", "Kim"]) await expect(host.getByRole("button", { name: `Remove ${name}` })).toBeVisible();
    await host.getByRole("button", { name: "Remove Kim" }).scrollIntoViewIfNeeded();
    await host.screenshot({ path: shotPath("seats-session-people-desktop.png") });
  } finally {
    await laptop.close();
    await piaContext.close();
    await pioContext.close();
    await kimContext.close();
  }
});

test("what goes wrong: a lock under a drag, removal mid-drag, a removed person reloading, offline and back", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const board = await createBoard(request, { title: "Seats, the hard parts" });
  const ana = await openAs(browser, board.links.join, "Ana", DESKTOP);
  const ben = await openAs(browser, board.links.join, "Ben", PHONE);
  const cy = await openAs(browser, board.links.join, "Cy", PROJECTOR);
  const hostContext = await browser.newContext(DESKTOP);
  const host = await hostContext.newPage();
  try {
    await host.goto(board.links.facilitate);
    await expect(host.getByRole("status")).toHaveText("Live");
    const controls = host.getByRole("toolbar", { name: "Facilitator controls" });

    // Ana places, then starts dragging her note as the facilitator locks the board.
    await chip(ana.page, "Scaling").click();
    await cell(ana.page, "Engineering, Average-case").click();
    const note = mine(ana.page, "Scaling");
    await expect(note).toBeVisible();
    const from = await center(note);
    const to = await center(cell(ana.page, "Engineering, Worst-case"));
    await ana.page.mouse.move(from.x, from.y);
    await ana.page.mouse.down();
    await ana.page.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
    await controls.getByRole("button", { name: /Lock board/ }).click();
    await expect(ana.page.getByText("The facilitator has locked the board for now.", { exact: true })).toBeVisible();
    await ana.page.mouse.move(to.x, to.y, { steps: 8 });
    await ana.page.mouse.up();
    // The note stays where it was, and nothing on the page says something untrue.
    await expect(cell(ana.page, "Engineering, Average-case").getByRole("button", { name: "Scaling, your placement" })).toBeVisible();
    await ana.page.screenshot({ path: shotPath("seats-session-locked-drag-desktop.png") });
    await controls.getByRole("button", { name: /Locked/ }).click();

    // Ben, on his phone, goes offline, places, the board is locked meanwhile: back online, he is told.
    await chip(ben.page, "Scaling").tap();
    await cell(ben.page, "Engineering, Average-case").tap();
    await expect(mine(ben.page, "Scaling")).toBeAttached();
    await ben.context.setOffline(true);
    await expect(ben.page.getByRole("status")).toContainText("Offline");
    await chip(ben.page, "RLHF").tap();
    await cell(ben.page, "Engineering, Pessimistic-case").tap();
    await controls.getByRole("button", { name: /Lock board/ }).click();
    await ben.context.setOffline(false);
    await expect(ben.page.getByRole("status")).toHaveText("Live");
    const notice = ben.page.getByText("The facilitator has locked the board, so your last change was not saved.");
    await expect(notice).toBeVisible();
    await ben.page.screenshot({ path: shotPath("seats-session-refused-phone.png") });
    await expectNoSeriousA11yViolations(ben.page);
    await expect(mine(ben.page, "RLHF")).toHaveCount(0);
    await controls.getByRole("button", { name: /Locked/ }).click();

    // Ana is removed, notes taken off, while she is dragging.
    await ana.page.mouse.move(from.x, from.y);
    await ana.page.mouse.down();
    await ana.page.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
    await host.getByText("People on this board").click();
    await host.getByRole("button", { name: "Remove Ana" }).click();
    const dialog = host.getByRole("dialog", { name: "Remove Ana from this board?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("radio", { name: /Take their notes off too/ }).check();
    await host.screenshot({ path: shotPath("seats-session-remove-dialog-desktop.png") });
    await dialog.getByRole("button", { name: "Remove Ana" }).click();
    await expect(removedHeading(ana.page)).toBeVisible();
    await ana.page.mouse.move(to.x, to.y, { steps: 8 });
    await ana.page.mouse.up();
    await expect(removedHeading(ana.page)).toBeVisible();
    await ana.page.screenshot({ path: shotPath("seats-session-removed-desktop.png") });
    await expect(host.getByText("Ana was removed from the board. Their notes were taken off.")).toBeVisible();
    await expect(cy.page.locator("[data-dot]")).toHaveCount(1);
    await host.screenshot({ path: shotPath("seats-session-people-after-desktop.png") });

    // Ben is removed keeping his notes; on his phone, the page says so; he reloads.
    await host.getByRole("button", { name: "Remove Ben" }).click();
    await host.getByRole("dialog", { name: "Remove Ben from this board?" }).getByRole("button", { name: "Remove Ben" }).click();
    await expect(removedHeading(ben.page)).toBeVisible();
    await ben.page.screenshot({ path: shotPath("seats-session-removed-phone.png") });
    // A reload does not quietly join him again: the page says he was removed, and asks.
    await ben.page.reload();
    await expect(ben.page.getByRole("status")).toHaveText("Live");
    await expect(joinForm(ben.page)).toContainText("The facilitator removed you from this board. Join again only if they asked you to");
    await expect(tray(ben.page)).toHaveCount(0);
    await ben.page.screenshot({ path: shotPath("seats-session-removed-reload-phone.png") });
    await expectNoSeriousA11yViolations(ben.page);

    // Ana, whose notes were taken off, reloads too: asked, not joined; she joins again when the facilitator asks her to.
    await ana.page.reload();
    await expect(ana.page.getByRole("status")).toHaveText("Live");
    await expect(joinForm(ana.page)).toContainText("The facilitator removed you from this board.");
    await expect(tray(ana.page)).toHaveCount(0);
    await expect(ana.page.getByLabel("Your name")).toHaveValue("Ana");
    await ana.page.getByRole("button", { name: "Join", exact: true }).click();
    await expect(tray(ana.page)).toBeVisible();
    await ana.page.reload();
    await expect(tray(ana.page)).toBeVisible();
    await expect(joinForm(ana.page)).toHaveCount(0);

    // Cy, on the big screen.
    await host.getByRole("button", { name: "Remove Cy" }).click();
    await host.getByRole("dialog", { name: "Remove Cy from this board?" }).getByRole("button", { name: "Remove Cy" }).click();
    await expect(removedHeading(cy.page)).toBeVisible();
    await cy.page.screenshot({ path: shotPath("seats-session-removed-projector.png") });

    // The facilitator reloads: the list still says who was removed.
    await host.reload();
    await expect(host.getByRole("status")).toHaveText("Live");
    await host.getByText("People on this board").click();
    // Ben's and Cy's entries stay with their notes; the server says they were removed, so nothing offers to remove them again.
    for (const name of ["Ben", "Cy"]) {
      const row = host.getByRole("listitem").filter({ hasText: name });
      await expect(row.getByText("Removed")).toBeVisible();
      await expect(host.getByRole("button", { name: `Remove ${name}` })).toHaveCount(0);
    }
    await host.screenshot({ path: shotPath("seats-session-people-reload-desktop.png") });
  } finally {
    await hostContext.close();
    await ana.context.close();
    await ben.context.close();
    await cy.context.close();
  }
});
