import { expect, test, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations } from "./support";
import { shotPath } from "./shots";

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

test("a phone joins with the code the presenter shows, and places a note", async ({ browser, page, request, baseURL }) => {
  test.setTimeout(120_000);
  const board = await createBoard(request, { title: "Join by code" });
  const bot = await connectParticipant(baseURL!, board);
  const phone = await browser.newContext(PHONE);
  try {
    // The facilitator's own tab, the one that created the board, opens the presenter from "Invite people".
    await openAsCreator(page, board);
    // Everything the presenter asks for, from its first request on, its sync socket's handshake included
    // (WebSockets are not "requests" to Playwright): listening on the context catches it before the popup exists.
    const presenterUrls: string[] = [];
    const presenterLoads: string[] = [];
    const presenterSockets: string[] = [];
    const context = page.context();
    context.on("page", (opened) => opened.on("websocket", (ws) => presenterSockets.push(ws.url())));
    context.on("request", (r) => {
      if (r.frame().page() === page) return;
      presenterUrls.push(r.url());
      if (r.isNavigationRequest()) presenterLoads.push(r.url());
    });
    const popupOpens = page.waitForEvent("popup");
    await page.getByRole("link", { name: "open the presenter view" }).click();
    const presenter = await popupOpens;
    await expect(presenter.getByRole("status")).toHaveText("Live");
    const codeShown = presenter.locator("[data-join-code]");
    await expect(codeShown).toBeVisible();
    const code = (await codeShown.getAttribute("data-join-code"))!;
    const join = presenter.getByRole("region", { name: "Join on your phone" });
    await expect(join).toContainText(`${new URL(baseURL!).host}/join`);
    await expect(page.getByText(`Join code ${code.slice(0, 3)} ${code.slice(3)}, valid until`)).toBeVisible();
    // The projector holds no facilitator key: not in its address, not in anything it asks the server.
    expect(presenter.url()).not.toContain(board.keys.facilitator);
    await presenter.reload();
    await expect(codeShown).toHaveAttribute("data-join-code", code);
    await expect(presenter.getByRole("status")).toHaveText("Live");
    // Both loads were recorded, each with its socket, so the check below has something to check.
    expect(presenterLoads.filter((url) => new URL(url).pathname === `/b/${board.id}/present`)).toHaveLength(2);
    expect(presenterSockets.filter((url) => new URL(url).pathname.startsWith("/sync")).length).toBeGreaterThanOrEqual(2);
    for (const url of [...presenterUrls, ...presenterSockets]) expect(url).not.toContain(board.keys.facilitator);

    // The phone types the short address and the code, as a person would: lower case, with a dash.
    const mobile = await phone.newPage();
    await mobile.goto("/join");
    const form = mobile.getByRole("form", { name: "Join with a code" });
    const field = form.getByRole("textbox", { name: "Join code" });
    await expect(field).toBeFocused();
    const go = form.getByRole("button", { name: "Join", exact: true });
    await field.fill(code.slice(0, 5));
    await go.tap();
    await expect(form.getByRole("alert")).toHaveText("A join code has 6 letters and digits; this has 5.");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const wrong = code === "CCCCCC" ? "DDDDDD" : "CCCCCC";
    await field.fill(wrong);
    await go.tap();
    await expect(form.getByRole("alert")).toHaveText(`No board has the code ${wrong.slice(0, 3)} ${wrong.slice(3)}. Check it against the screen and try again.`);
    await mobile.screenshot({ path: shotPath("join-code-phone.png", true) });
    await expectNoSeriousA11yViolations(mobile);
    await field.fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`);
    await go.tap();

    // On the board: the name, then a note placed with two taps.
    await expect(mobile).toHaveURL(new RegExp(`/b/${board.id}$`));
    await mobile.getByLabel("Your name").fill("Pia");
    await mobile.getByRole("button", { name: "Join", exact: true }).tap();
    const tray = mobile.getByRole("region", { name: "Your notes to place" });
    await tray.getByRole("button", { name: /^Scaling/ }).tap();
    await mobile.getByRole("gridcell", { name: "Engineering, Average-case", exact: true }).tap();
    await expect.poll(() => {
      const b = bot.board();
      const pia = b.participants.find((p) => p.name === "Pia");
      return pia ? b.placements.filter((p) => p.participant === pia.id).map((p) => p.item) : [];
    }).toEqual(["scaling"]);

    // A fresh code replaces the old one on the projector.
    await page.getByRole("button", { name: "New join code" }).click();
    await expect(codeShown).not.toHaveAttribute("data-join-code", code);
    const fresh = (await codeShown.getAttribute("data-join-code"))!;
    await expect(page.getByText(`Join code ${fresh.slice(0, 3)} ${fresh.slice(3)}, valid until`)).toBeVisible();
  } finally {
    bot.close();
    await phone.close();
  }
});

test("“New join code” stays, busy, while the new code comes, and the keyboard stays on it", async ({ page, request }) => {
  const board = await createBoard(request, { title: "A fresh code" });
  const presenter = await openPresenterFromInvite(page, board);
  const codeShown = presenter.locator("[data-join-code]");
  await expect(codeShown).toBeVisible();
  const first = (await codeShown.getAttribute("data-join-code"))!;
  const issued = page.getByText(/^Join code \w{3} \w{3}, valid until/);
  await expect(issued).toHaveText(new RegExp(`^Join code ${first.slice(0, 3)} ${first.slice(3)},`));

  // The next code waits at the door until the button has been seen busy; then it goes on to the real server.
  let letThrough!: () => void;
  const held = new Promise<void>((resolve) => (letThrough = resolve));
  await page.route(
    (url) => url.pathname === `/api/boards/${board.id}/codes`,
    async (route) => {
      await held;
      await route.continue();
    },
  );
  const again = page.getByRole("button", { name: "New join code" });
  await again.focus();
  await page.keyboard.press("Enter");
  await expect(again).toHaveAttribute("aria-busy", "true");
  await expect(again).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByText("Getting a new join code…")).toBeVisible();
  await expect(again).toBeFocused();
  await page.screenshot({ path: shotPath("new-join-code-busy.png") });
  letThrough();
  await expect(codeShown).not.toHaveAttribute("data-join-code", first);
  const fresh = (await codeShown.getAttribute("data-join-code"))!;
  await expect(issued).toHaveText(new RegExp(`^Join code ${fresh.slice(0, 3)} ${fresh.slice(3)},`));
  await expect(again).not.toHaveAttribute("aria-busy");
  await expect(again).toBeFocused();
});

test("the home page offers joining with a code first, and says what is wrong with a mistyped one", async ({ browser }) => {
  const phone = await browser.newContext(PHONE);
  try {
    const page = await phone.newPage();
    await page.goto("/");
    const form = page.getByRole("form", { name: "Join with a code" });
    const field = form.getByRole("textbox", { name: "Join code" });
    // Within the first screen of a phone, above creating a board.
    const box = (await field.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    const create = (await page.getByRole("form", { name: "Start a board" }).boundingBox())!;
    expect(create.y).toBeGreaterThan(box.y);
    await page.screenshot({ path: shotPath("home-join-phone.png") });
    await form.getByRole("button", { name: "Join", exact: true }).tap();
    await expect(form.getByRole("alert")).toHaveText("Type the code shown on the screen.");
    await field.fill("o0o 1l5");
    await form.getByRole("button", { name: "Join", exact: true }).tap();
    await expect(form.getByRole("alert")).toHaveText("“O”, “0”, “1”, “L”, “5” are in no join code: check the code on the screen.");
    await expectNoSeriousA11yViolations(page);

    // On a laptop it heads the side column, above starting a board.
    const laptop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await laptop.goto("/");
    const side = (await laptop.getByRole("form", { name: "Join with a code" }).boundingBox())!;
    expect(side.y + side.height).toBeLessThanOrEqual(800);
    expect((await laptop.getByRole("form", { name: "Start a board" }).boundingBox())!.y).toBeGreaterThan(side.y);
    await laptop.screenshot({ path: shotPath("home-join-desktop.png") });
    await laptop.close();
  } finally {
    await phone.close();
  }
});

test("the full links panel shows the join code the short invite issued, instead of forgetting it", async ({ page, request }) => {
  const board = await createBoard(request, { title: "One code" });
  const presenter = await openPresenterFromInvite(page, board);
  const code = (await presenter.locator("[data-join-code]").getAttribute("data-join-code"))!;
  const shown = `Join code ${code.slice(0, 3)} ${code.slice(3)}, valid until`;
  await expect(page.getByText(shown)).toBeVisible();
  await page.getByRole("button", { name: "All links" }).click();
  await expect(page.getByText(shown)).toBeVisible();
  await presenter.close();
});

/** The facilitator's tab as the one that created the board: it holds the board's links. */
async function openAsCreator(page: Page, board: CreatedBoard): Promise<void> {
  await page.goto("/");
  await page.evaluate((b) => sessionStorage.setItem(`cruxboard:links:${b.id}`, JSON.stringify(b.links)), board);
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");
}

/** The creator's tab opens the presenter from "Invite people"; the presenter window it opens. */
async function openPresenterFromInvite(page: Page, board: CreatedBoard): Promise<Page> {
  await openAsCreator(page, board);
  const popupOpens = page.waitForEvent("popup");
  await page.getByRole("link", { name: "Open the presenter view" }).click();
  return popupOpens;
}
