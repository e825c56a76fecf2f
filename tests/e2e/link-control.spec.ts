import { expect as baseExpect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { createBoard, expectNoSeriousA11yViolations } from "./support";
import { shotPath } from "./shots";

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

// Three browsers at once on a shared two-core machine: a page can take longer than the default to go live.
const expect = baseExpect.configure({ timeout: 30_000 });

/** A person on another device, with a remembered name: on a participant link it joins at once. */
async function openAs(browser: Browser, link: string, name: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  await context.addInitScript((n) => {
    if (window.location.protocol.startsWith("http")) localStorage.setItem("cruxboard:name", n);
  }, name);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { name: "Here now" })).toBeVisible();
  return { context, page };
}

/** The tab that created the board: it keeps the board's links, as the home page's form leaves them. */
async function openAsCreator(page: Page, board: CreatedBoard): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  await page.evaluate((b) => sessionStorage.setItem(`cruxboard:links:${b.id}`, JSON.stringify(b.links)), board);
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");
}

test("the facilitator replaces the participant link: a participant connected with it is told why, the new link works", async ({ browser, page, request, baseURL }) => {
  test.setTimeout(120_000);
  const board = await createBoard(request, { title: "Link control" });
  const participant = await openAs(browser, board.links.join, "Pat", PHONE);
  try {
    await openAsCreator(page, board);
    // Someone has joined, so "Invite people" starts folded to one line.
    const invitePeople = page.getByRole("button", { name: "Invite people" });
    await expect(invitePeople).toHaveAttribute("aria-expanded", "false");
    await invitePeople.click();
    await page.getByRole("button", { name: "All links" }).click();
    const invite = page.getByRole("region", { name: "Invite people" });
    const joinField = invite.getByRole("textbox", { name: "Participant link" });
    await expect(joinField).toHaveValue(`${baseURL}${board.links.join}`);

    const replace = invite.getByRole("region", { name: "Replace a link" });
    await replace.getByRole("button", { name: "New participant link" }).click();
    const question = replace.getByRole("group", { name: /Replace the participant link\?/ });
    await expect(question).toContainText("The old one stops working at once, and everyone connected with it is disconnected");
    // The confirmation takes the keyboard, and cancelling gives it back.
    const confirm = question.getByRole("button", { name: "Replace the participant link" });
    await expect(confirm).toBeFocused();
    await question.getByRole("button", { name: "Cancel" }).click();
    await expect(replace.getByRole("button", { name: "New participant link" })).toBeFocused();
    await expect(joinField).toHaveValue(`${baseURL}${board.links.join}`);

    await page.keyboard.press("Enter");
    await expect(confirm).toBeFocused();
    await replace.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath("link-control-confirm-desktop.png") });
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Enter");
    await expect(replace.getByText("New participant link made and shown above")).toBeVisible();
    await expect(joinField).not.toHaveValue(`${baseURL}${board.links.join}`);
    const newLink = await joinField.inputValue();
    expect(newLink).toMatch(new RegExp(`/b/${board.id}\\?key=[A-Za-z0-9_-]{24}$`));
    await page.screenshot({ path: shotPath("link-control-replaced-desktop.png") });
    // The facilitator's own connection is untouched.
    await expect(page.getByRole("status")).toHaveText("Live");

    // The participant's page says why, in full, and does not spin on reconnecting.
    await expect(participant.page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await expect(participant.page.getByText("Ask the facilitator for the new link.")).toBeVisible();
    await expect(participant.page.getByRole("region", { name: "Your notes to place" })).toHaveCount(0);
    await participant.page.screenshot({ path: shotPath("link-control-replaced-phone.png"), fullPage: true });
    await expectNoSeriousA11yViolations(participant.page);

    // The facilitator's device keeps the new links: a reload still shows the new one.
    await page.reload();
    await expect(page.getByRole("status")).toHaveText("Live");
    if ((await invitePeople.getAttribute("aria-expanded")) === "false") await invitePeople.click();
    await page.getByRole("button", { name: "All links" }).click();
    await expect(page.getByRole("textbox", { name: "Participant link" })).toHaveValue(newLink);

    // The new link works in a new browser; the old one is refused there.
    const fresh = await openAs(browser, newLink, "Quinn", PHONE);
    await fresh.context.close();
    const stale = await browser.newContext();
    const stalePage = await stale.newPage();
    await stalePage.goto(board.links.join);
    await expect(stalePage.getByRole("heading", { name: "This key does not open this board" })).toBeVisible();
    await stale.close();
  } finally {
    await participant.context.close();
  }
});

test("the facilitator deletes a board by typing its title: it is gone for everyone", async ({ browser, page, request }) => {
  test.setTimeout(120_000);
  const title = "Retro: Q3 planning";
  const board = await createBoard(request, { title });
  const participant = await openAs(browser, board.links.join, "Pat");
  try {
    await openAsCreator(page, board);
    const invitePeople = page.getByRole("button", { name: "Invite people" });
    await expect(invitePeople).toHaveAttribute("aria-expanded", "false");
    await invitePeople.click();
    await page.getByRole("button", { name: "All links" }).click();
    const zone = page.getByRole("region", { name: "Danger zone" });
    const field = zone.getByRole("textbox", { name: "Type the board’s title to confirm" });
    const remove = zone.getByRole("button", { name: "Delete this board" });
    await field.scrollIntoViewIfNeeded();
    await expect(remove).toBeDisabled();
    await field.fill("Retro: Q3 plannin");
    await expect(remove).toBeDisabled();
    await field.fill("retro: q3 planning");
    await expect(remove).toBeDisabled();
    await field.fill(title);
    await expect(remove).toBeEnabled();
    await page.screenshot({ path: shotPath("link-control-danger-zone-desktop.png") });
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => localStorage.getItem("cruxboard:recent") ?? "")).toContain(board.id);
    // The keyboard alone: Enter in the field deletes once the title matches.
    await field.press("Enter");

    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("status").filter({ hasText: "was deleted" })).toHaveText(
      `The board “${title}” was deleted. Its links no longer work, and it is gone from your recent boards.`,
    );
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    const recent = await page.evaluate(() => localStorage.getItem("cruxboard:recent") ?? "");
    expect(recent).not.toContain(board.id);
    await page.screenshot({ path: shotPath("link-control-deleted-home-desktop.png") });

    await expect(participant.page.getByRole("heading", { name: "This board was deleted" })).toBeVisible();
    await participant.page.screenshot({ path: shotPath("link-control-deleted-participant-desktop.png") });
    expect((await request.get(`/api/boards/${board.id}?key=${board.keys.facilitator}`)).status()).toBe(404);
    await page.goto(board.links.facilitate);
    await expect(page.getByRole("heading", { name: "This board does not exist" })).toBeVisible();
  } finally {
    await participant.context.close();
  }
});
