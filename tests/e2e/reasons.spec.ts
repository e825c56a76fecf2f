import { expect, test, type Page, type WebSocketRoute } from "@playwright/test";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs, OFFLINE_KEPT_HERE, participantIdIn } from "./support";
import { reachablePoint, tray } from "./placing-support";

const SHOTS = "/tmp/reasons";
const chip = (page: Page, text: string) => tray(page).getByRole("button", { name: new RegExp(`^${text}`) });
const panel = (page: Page) => page.locator('section[aria-labelledby="detail-heading"]');
const whyHere = (page: Page) => page.getByRole("textbox", { name: /^Why here\?/ });
const reasons = (page: Page) => page.getByRole("list", { name: "Reasons" });

/** Places a tray note by keyboard alone: from the middle cell, the given arrows, then Enter. */
async function placeByKeyboard(page: Page, text: string, arrows: string[]) {
  await chip(page, text).focus();
  await page.keyboard.press("Enter");
  for (const key of arrows) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: `${text}, your placement` })).toBeVisible();
}

test("reasons are given beside one's own note, grouped by camp for the others, edited, removed and hidden in a blind round", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Reasons session" });
  const screen = { viewport: { width: 1280, height: 800 } };
  const ana = await openAs(browser, board.links.join, "Ana", screen);
  const ben = await openAs(browser, board.links.join, "Ben", screen);
  const cy = await openAs(browser, board.links.join, "Cy", screen);
  const host = await openAs(browser, board.links.facilitate, "Fay", screen);
  const bot = await connectParticipant(baseURL!, board, "facilitator");
  const reasonOf = (participant: string) => bot.board().placements.find((p) => p.item === "scaling" && p.participant === participant)?.reason;
  try {
    const [anaId, benId, cyId] = await Promise.all([ana.participantId(), ben.participantId(), cy.participantId()]);
    // Two near the top-left, one at the bottom-right; a fourth person (another device) joins the bottom-right.
    await placeByKeyboard(ana.page, "Scaling", ["ArrowUp", "ArrowLeft"]);
    await placeByKeyboard(ben.page, "Scaling", ["ArrowUp", "ArrowLeft"]);
    await placeByKeyboard(cy.page, "Scaling", ["ArrowDown", "ArrowRight"]);
    bot.join("p-di", "Di", "#059669");
    bot.place("scaling", "p-di", 2.4, 2.6, "Scale finds the failures we must fix: adversarialrobustnessbenchmarkscalinglawsarticles");

    // Placing stayed one action: focus went on to the next note, not into the field beside the placed one.
    await expect(chip(ana.page, "RLHF")).toBeFocused();
    await expect(whyHere(ana.page)).toHaveValue("");
    await expect(whyHere(ana.page)).toHaveAttribute("aria-describedby", /.+/);
    // Ana types and stops: a pause saves it, and says so.
    await whyHere(ana.page).fill("It is what makes models more capable");
    await expect(panel(ana.page)).toContainText("Saved");
    await expect.poll(() => reasonOf(anaId)).toBe("It is what makes models more capable");
    // A pause is not said aloud: a screen reader would hear "Saved" after every few words.
    await expect(panel(ana.page).locator("[aria-live]")).toHaveText("");
    // Ben types and presses Enter.
    await whyHere(ben.page).click();
    await ben.page.keyboard.type("Capabilities work, <b>plainly</b>");
    await ben.page.keyboard.press("Enter");
    await expect.poll(() => reasonOf(benId)).toBe("Capabilities work, <b>plainly</b>");
    // Finishing is.
    await expect(panel(ben.page).locator("[aria-live]")).toHaveText("Saved");

    // Cy uses the keyboard alone: from the tray's next note, back one to "Why here?", Enter, type, Enter.
    await expect(chip(cy.page, "RLHF")).toBeFocused();
    await cy.page.keyboard.press("Shift+Tab");
    await expect(tray(cy.page).getByRole("button", { name: "Why here? Give your reason for Scaling" })).toBeFocused();
    await cy.page.keyboard.press("Enter");
    await expect(whyHere(cy.page)).toBeFocused();
    await cy.page.keyboard.type("Scaling is how we learn where oversight breaks");
    await cy.page.keyboard.press("Enter");
    await expect.poll(() => reasonOf(cyId)).toBe("Scaling is how we learn where oversight breaks");
    // Escape takes back what was typed since.
    await cy.page.keyboard.type(" — or not");
    await cy.page.keyboard.press("Escape");
    await expect(whyHere(cy.page)).toHaveValue("Scaling is how we learn where oversight breaks");
    await expect(panel(cy.page)).toBeVisible();
    await cy.page.waitForTimeout(800);
    expect(reasonOf(cyId)).toBe("Scaling is how we learn where oversight breaks");
    // Or, wherever the tray's focus has gone, R goes straight to the field; typing there never moves a note.
    await chip(cy.page, "RLHF").focus();
    await cy.page.keyboard.press("r");
    await expect(whyHere(cy.page)).toBeFocused();
    await cy.page.keyboard.press("End");
    await cy.page.keyboard.type(" fastest");
    await cy.page.keyboard.press("Enter");
    await expect.poll(() => reasonOf(cyId)).toBe("Scaling is how we learn where oversight breaks fastest");

    // Ben's panel: two camps, largest (then top-left) first, each reason with its person.
    const first = reasons(ben.page).getByRole("list", { name: "Camp of 2, around Engineering, Average-case" });
    const second = reasons(ben.page).getByRole("list", { name: "Camp of 2, around Cognitivist science, Worst-case" });
    await expect(first.getByRole("listitem")).toHaveText(["Ana: It is what makes models more capable", "Ben (you): Capabilities work, <b>plainly</b>"]);
    await expect(second.getByRole("listitem")).toHaveText([
      "Cy: Scaling is how we learn where oversight breaks fastest",
      "Di: Scale finds the failures we must fix: adversarialrobustnessbenchmarkscalinglawsarticles",
    ]);
    // Text stays text: no markup made from a reason, and a long word wraps inside the panel.
    await expect(reasons(ben.page).locator("b")).toHaveCount(0);
    const overflow = await panel(ben.page).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(ben.page);
    await ben.page.screenshot({ path: `${SHOTS}/desktop-camps.png` });
    await panel(ben.page).screenshot({ path: `${SHOTS}/desktop-panel.png` });

    // Ana edits hers (leaving the field saves it), then removes it.
    await whyHere(ana.page).fill("It makes models more capable, not safer");
    await ana.page.keyboard.press("Tab");
    await expect(first.getByRole("listitem").first()).toHaveText("Ana: It makes models more capable, not safer");
    await whyHere(ana.page).fill("");
    await whyHere(ana.page).press("Enter");
    await expect(first.getByRole("listitem")).toHaveText(["Ben (you): Capabilities work, <b>plainly</b>"]);
    await expect.poll(() => reasonOf(anaId)).toBeUndefined();

    // The facilitator, not placing, reads the reasons but has no field.
    await host.page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^Scaling/ }).click();
    await expect(reasons(host.page)).toContainText("Scaling is how we learn where oversight breaks");
    await expect(whyHere(host.page)).toHaveCount(0);
    await host.page.screenshot({ path: `${SHOTS}/desktop-facilitator.png` });

    // A blind round: each sees their own reason, in their field, and nobody else's.
    await host.page.getByRole("toolbar", { name: "Facilitator controls" }).getByRole("button", { name: "Start a blind round" }).click();
    await expect(ben.page.getByRole("heading", { name: "Blind round", level: 2 })).toBeVisible();
    await expect(reasons(ben.page)).toHaveCount(0);
    await expect(ben.page.getByText("Scaling is how we learn where oversight breaks")).toHaveCount(0);
    await expect(ben.page.getByText("Scale finds the failures", { exact: false })).toHaveCount(0);
    await expect(whyHere(ben.page)).toHaveValue("Capabilities work, <b>plainly</b>");
    await ben.page.screenshot({ path: `${SHOTS}/desktop-blind.png` });
    await host.page.getByRole("toolbar", { name: "Facilitator controls" }).getByRole("button", { name: "Reveal placements" }).click();
    await expect(reasons(ben.page)).toContainText("Scaling is how we learn where oversight breaks");

    // Half a thought is not lost when the panel changes under it: the facilitator brings everyone to another item.
    await whyHere(ana.page).click();
    await ana.page.keyboard.type("Half a thought");
    bot.setMeta("focus", "rlhf");
    await expect(ana.page.getByRole("heading", { name: "RLHF", level: 2 })).toBeVisible();
    await expect.poll(() => reasonOf(anaId)).toBe("Half a thought");
  } finally {
    bot.close();
    for (const person of [ana, ben, cy, host]) await person.context.close();
  }
});

test("on a phone the reason field is reached after a tap placement, clear of the docked tray", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Phone reasons" });
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const pia = await openAs(browser, board.links.join, "Pia", phone);
  try {
    const { page } = pia;
    await chip(page, "RLHF").tap();
    await page.locator('[data-cell="2:2"]').tap();
    await expect(page.getByRole("button", { name: "RLHF, your placement" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/phone-after-placing.png` });
    const field = whyHere(page);
    // The tray, a thumb away, leads to the field below the grid.
    await tray(page).getByRole("button", { name: "Why here? Give your reason for RLHF" }).tap();
    await expect(field).toBeFocused();
    // The field is in the page's flow (not in anything stuck to the screen), so the phone can scroll it above its keyboard.
    const stuck = await field.evaluate((el) => {
      for (let at: Element | null = el; at; at = at.parentElement) {
        const position = getComputedStyle(at).position;
        if (position === "fixed" || position === "sticky") return true;
      }
      return false;
    });
    expect(stuck).toBe(false);
    await expect.poll(() => reachablePoint(field)).not.toBeNull();
    await field.pressSequentially("Fine-tuning to human taste, not worst cases");
    await page.screenshot({ path: `${SHOTS}/phone-typing.png` });
    await field.blur();
    await expect(page.getByRole("list", { name: "Reasons" })).toContainText("Pia (you): Fine-tuning to human taste, not worst cases");
    // Near the limit the field says how much is left; it takes no more than the limit.
    await field.fill("x".repeat(300));
    await expect(field).toHaveValue("x".repeat(280));
    await expect(panel(page)).toContainText("0 characters left");
    await page.screenshot({ path: `${SHOTS}/phone-limit.png` });
  } finally {
    await pia.context.close();
  }
});

test("a reason typed while the connection drops stays in the field and reaches the board once it is back; a lock holds it", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Offline reasons" });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(() => localStorage.setItem("cruxboard:name", "Oli"));
  let reachable = true;
  const sockets = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/sync\//, (ws) => {
    if (!reachable) return ws.close({ code: 1001, reason: "unreachable (test)" });
    ws.connectToServer();
    sockets.add(ws);
  });
  const bot = await connectParticipant(baseURL!, board, "facilitator");
  try {
    const page = await context.newPage();
    await page.goto(board.links.join);
    await expect(page.getByRole("status")).toHaveText("Live");
    await placeByKeyboard(page, "AI control", []);
    const id = await participantIdIn(page);

    await whyHere(page).click();
    await page.keyboard.type("Control assumes ");
    reachable = false;
    for (const ws of sockets) await ws.close({ code: 1001, reason: "dropped (test)" });
    await expect(page.getByRole("status")).toHaveText(OFFLINE_KEPT_HERE);
    await page.keyboard.type("the model may be");
    reachable = true;
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await page.keyboard.type(" scheming");
    await expect(whyHere(page)).toHaveValue("Control assumes the model may be scheming");
    await expect(whyHere(page)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id)?.reason).toBe("Control assumes the model may be scheming");
    await expect(page.getByRole("list", { name: "Reasons" })).toContainText("Oli (you): Control assumes the model may be scheming");
    await page.screenshot({ path: `${SHOTS}/projector.png` });

    // While the board is locked the reason stays as it is, and the field says why it cannot change.
    bot.lock(true);
    await expect(whyHere(page)).toHaveAttribute("readonly", "");
    await expect(page.getByText("Locked for now")).toBeVisible();
    bot.lock(false);
    await expect(whyHere(page)).not.toHaveAttribute("readonly");
    await whyHere(page).fill("Control assumes scheming");
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id)?.reason).toBe("Control assumes scheming");
  } finally {
    bot.close();
    await context.close();
  }
});
