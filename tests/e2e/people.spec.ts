import { expect, test, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { PARTICIPANT_COLORS } from "../../lib/board/colors";
import { boardIdOf, connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs, placeToo } from "./support";

/** A 2×2 board with two items, so placing everything takes four key presses. */
async function twoItemBoard(request: Parameters<typeof createBoard>[0], baseURL: string, title: string) {
  const board = await createBoard(request, {
    title,
    template: "blank",
    grid: { rows: [{ id: "r1", label: "High" }, { id: "r2", label: "Low" }], columns: [{ id: "c1", label: "Soon" }, { id: "c2", label: "Later" }] },
  });
  // Items from before anyone joined, written as another program would (the facilitator's key writes anything).
  const bot = await connectParticipant(baseURL, board, "facilitator");
  bot.addItem("i-ship", "Ship the beta", "p-nobody");
  bot.addItem("i-hire", "Hire a designer", "p-nobody");
  await expect.poll(() => bot.board().items.length).toBe(2);
  bot.close();
  return board;
}

/** Picks a note up from the tray and drops it where the arrow keys take it. */
async function place(page: Page, item: string, keys: string[] = []) {
  await page.getByRole("region", { name: "Your notes to place" }).getByRole("button", { name: new RegExp(`^${item}`) }).focus();
  await page.keyboard.press("Enter");
  for (const key of keys) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: `${item}, your placement` })).toBeVisible();
}

const exported = async (request: Parameters<typeof createBoard>[0], board: CreatedBoard, format: "json" | "md" | "svg") => {
  const res = await request.get(`/api/boards/${board.id}/export?format=${format}&key=${board.keys.viewer}`);
  expect(res.status()).toBe(200);
  return res.text();
};

test("a facilitator who never places is in no count: progress, ranking, item panel, Markdown and picture", async ({ browser, request, baseURL }) => {
  const board = await twoItemBoard(request, baseURL!, "Facilitator apart");
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const ann = await openAs(browser, board.links.join, "Ann");
  const ben = await openAs(browser, board.links.join, "Ben");
  try {
    const { page } = host;
    // The facilitator is asked nothing, has no tray, and is offered placing as a choice.
    await expect(page.getByLabel("Your name", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Your notes to place" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "I’m placing too" })).toBeVisible();
    await expect(page.getByText("2 participants")).toBeVisible();
    // The others see the facilitator here, and not as one of those placing.
    await expect(ann.page.getByRole("region", { name: "Here now" })).toContainText("Facilitator");
    await expect(ann.page.getByRole("region", { name: "Here now" })).not.toContainText("Fay");

    const bar = page.getByRole("region", { name: "Facilitator" });
    await page.getByRole("button", { name: "Start a blind round" }).click();
    await expect(bar).toContainText("0 of 2 placed everything");
    await place(ann.page, "Ship the beta");
    await place(ann.page, "Hire a designer", ["ArrowDown"]);
    await place(ben.page, "Ship the beta", ["ArrowRight"]);
    await expect(bar).toContainText("1 of 2 placed everything");
    await expect(bar).toContainText("Still placing: Ben (1 of 2)");
    await place(ben.page, "Hire a designer", ["ArrowRight", "ArrowDown"]);
    await expect(bar).toContainText("2 of 2 placed everything");
    await expect(bar).toContainText("Still placing: nobody here");
    await expect(ann.page.getByRole("region", { name: "Blind round" })).toContainText("2 of 2 placed everything");

    await page.getByRole("button", { name: "Reveal placements" }).click();
    const ship = page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^Ship the beta/ });
    await expect(ship).toContainText("Placed by 2 of 2");
    await ship.click();
    const panel = page.getByRole("region", { name: "Ship the beta" });
    await expect(panel).toContainText("2 of 2");
    await expect(panel).not.toContainText("Still to place it");

    // The files say the same: two participants, and only they in the picture's legend.
    expect(await exported(request, board, "md")).toContain("Participants: 2  \n");
    const svg = await exported(request, board, "svg");
    expect(svg).toContain(">Ann<");
    expect(svg).toContain(">Ben<");
    expect(svg).not.toContain("Fay");
    const json = JSON.parse(await exported(request, board, "json"));
    expect(json.participants.map((p: { name: string }) => p.name)).toEqual(["Ann", "Ben"]);
    await expectNoSeriousA11yViolations(page);

    // Choosing to place makes the facilitator one of those counted, under the name they give.
    await placeToo(page);
    await expect(page.getByText("You run the board and place too, as Fay")).toBeVisible();
    await expect(ship).toContainText("Placed by 2 of 3");
    await expect(bar).toContainText("Still placing: Fay (0 of 2)");
    await expect(ann.page.getByRole("region", { name: "Here now" })).toContainText("Fay");
    await expect.poll(async () => JSON.parse(await exported(request, board, "json")).participants.length).toBe(3);
  } finally {
    await host.context.close();
    await ann.context.close();
    await ben.context.close();
  }
});

test("people who closed their browser are shown as not here, and every count says so", async ({ browser, request, baseURL }) => {
  const board = await twoItemBoard(request, baseURL!, "Who left");
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const ann = await openAs(browser, board.links.join, "Ann");
  const cy = await openAs(browser, board.links.join, "Cy");
  const di = await openAs(browser, board.links.join, "Di");
  try {
    const here = (p: Page) => p.getByRole("region", { name: "Here now" });
    await expect(here(host.page)).toContainText("Di");
    await place(ann.page, "Ship the beta");
    await place(ann.page, "Hire a designer", ["ArrowDown"]);
    await place(cy.page, "Ship the beta", ["ArrowRight"]);
    await place(cy.page, "Hire a designer", ["ArrowRight", "ArrowDown"]);
    // Cy has placed everything and goes; Di goes without placing.
    const diDevice = await di.context.storageState();
    await cy.context.close();
    await di.context.close();

    const away = (p: Page) => p.getByRole("region", { name: "Not here" });
    for (const p of [host.page, ann.page]) {
      await expect(away(p)).toContainText("Cy");
      await expect(away(p)).toContainText("Di");
      await expect(here(p)).not.toContainText("Cy");
    }
    await expect(host.page.getByText("3 participants")).toBeVisible();
    const bar = host.page.getByRole("region", { name: "Facilitator" });
    await expect(bar).toContainText("Still placing: nobody here · not here: Di (0 of 2)");

    await host.page.getByRole("button", { name: "Start a blind round" }).click();
    await expect(bar).toContainText("1 of 1 here has placed everything · Cy and Di are not here");
    await expect(ann.page.getByRole("region", { name: "Blind round" })).toContainText("Cy and Di are not here");

    await host.page.getByRole("button", { name: "Reveal placements" }).click();
    const ship = host.page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^Ship the beta/ });
    await expect(ship).toContainText("Placed by 2 of 3 (1 not here)");
    await ship.click();
    const panel = host.page.getByRole("region", { name: "Ship the beta" });
    await expect(panel).toContainText("Still to place it: Di (not here)");
    await ann.page.getByRole("button", { name: "Invite others" }).click();
    await expectNoSeriousA11yViolations(ann.page);
    await ann.page.screenshot({ path: "test-results/screenshots/participant-not-here.png" });
    await host.page.screenshot({ path: "test-results/screenshots/facilitator-not-here.png", fullPage: true });

    // Coming back on the same device makes her here again.
    const back = await openAs(browser, board.links.join, "Di", { storageState: diDevice });
    try {
      await expect(here(host.page)).toContainText("Di");
      await expect(ship).toContainText("Placed by 2 of 3");
      await expect(ship).not.toContainText("not here");
    } finally {
      await back.context.close();
    }
  } finally {
    await host.context.close();
    await ann.context.close();
  }
});

test("a second Ada is told the name is taken and offered a distinct one; colours come in joining order", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Names" });
  const ada = await openAs(browser, board.links.join, "Ada");
  const second = await browser.newContext();
  let third: Awaited<ReturnType<typeof openAs>> | null = null;
  try {
    // Typed by hand: refused, with a distinct name one click away.
    const page = await second.newPage();
    await page.goto(board.links.join);
    await page.getByLabel("Your name").fill("ADA");
    await page.getByRole("button", { name: "Join" }).click();
    const problem = page.getByRole("alert").filter({ hasText: "already called" });
    await expect(problem).toContainText("Someone here is already called ADA. Choose a name the group can tell apart, such as “ADA B.”.");
    await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Use “ADA B.”" }).click();
    await expect(page.getByRole("region", { name: "Here now" })).toContainText("ADA B. (you)");

    // Remembered on the device: said at once instead of joining as a second Ada.
    third = await openAs(browser, board.links.join, "  adá ");
    await expect(third.page.getByRole("alert").filter({ hasText: "already called" })).toContainText("such as “adá C.”");
    await third.page.getByLabel("Your name").fill("Ada Lovelace");
    await third.page.getByRole("button", { name: "Join" }).click();
    await expect(third.page.getByRole("region", { name: "Here now" })).toContainText("Ada Lovelace (you)");

    const json = JSON.parse(await exported(request, board, "json"));
    expect(json.participants.map((p: { name: string; color: string }) => [p.name, p.color])).toEqual([
      ["Ada", PARTICIPANT_COLORS[0]],
      ["ADA B.", PARTICIPANT_COLORS[1]],
      ["Ada Lovelace", PARTICIPANT_COLORS[2]],
    ]);
    await expect(ada.page.getByRole("region", { name: "Here now" })).toContainText("Ada Lovelace");
  } finally {
    await ada.context.close();
    await second.close();
    await third?.context.close();
  }
});

test("two people who join at the same moment with one name or one colour: the later one changes", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "At the same moment" });
  const you = await openAs(browser, board.links.join, "Ada");
  // Seats refuse a name already taken, so the race is written as a board from before seats could have it.
  const bot = await connectParticipant(baseURL!, board, "facilitator");
  try {
    const id = await you.participantId();
    await expect.poll(() => bot.board().participants.find((p) => p.id === id)?.color).toBe(PARTICIPANT_COLORS[0]);
    // Another Ada, in the same colour, who joined a moment earlier: she keeps both.
    const mine = bot.board().participants.find((p) => p.id === id)!;
    bot.join("p-other", "Ada", PARTICIPANT_COLORS[0], mine.joinedAt - 1);
    await expect.poll(() => bot.board().participants.find((p) => p.id === id)?.color).toBe(PARTICIPANT_COLORS[1]);
    await expect(you.page.getByRole("heading", { name: "Choose a name the group can tell apart" })).toBeVisible();
    await you.page.getByRole("button", { name: "Use “Ada B.”" }).click();
    await expect.poll(() => bot.board().participants.map((p) => p.name)).toEqual(["Ada", "Ada B."]);
    await expect(you.page.getByRole("heading", { name: "Choose a name the group can tell apart" })).toHaveCount(0);
  } finally {
    bot.close();
    await you.context.close();
  }
});

test("past forty people colours repeat, and the later joiner's entry is written once, not again and again", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "A lecture hall" });
  // Forty people written at once, with the ids the test names: the facilitator's key writes anyone's entry.
  const bot = await connectParticipant(baseURL!, board, "facilitator");
  const accepted = async () => ((await (await request.get("/healthz")).json()) as { updatesAccepted: number }).updatesAccepted;
  let zed: Awaited<ReturnType<typeof openAs>> | null = null;
  try {
    const start = Date.now() - 60_000;
    PARTICIPANT_COLORS.forEach((color, i) => bot.join(`p-${i}`, `Person ${i + 1}`, color, start + i));
    await expect.poll(() => bot.board().participants.length).toBe(PARTICIPANT_COLORS.length);
    zed = await openAs(browser, board.links.join, "Zed");
    const id = await zed.participantId();
    await expect.poll(() => bot.board().participants.find((p) => p.id === id)?.color).toBe(PARTICIPANT_COLORS[0]);
    // Between two changes the page is known to have seen, the only update accepted is the second one.
    bot.place("rlhf", "p-0", 0.5, 0.5);
    await expect(zed.page.locator('[data-dot="rlhf:p-0"]')).toBeAttached();
    const before = await accepted();
    bot.place("scaling", "p-1", 1.5, 1.5);
    await expect(zed.page.locator('[data-dot="scaling:p-1"]')).toBeAttached();
    expect(await accepted()).toBe(before + 1);
  } finally {
    bot.close();
    await zed?.context.close();
  }
});

test("a participant hands on the board's link, and it opens the board as a participant somewhere else", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Pass it on" });
  const ann = await openAs(browser, board.links.join, "Ann");
  try {
    await ann.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await ann.page.getByRole("button", { name: "Invite others" }).click();
    const field = ann.page.getByRole("textbox", { name: "Link to join this board" });
    await expect(field).toHaveValue(new RegExp(`/b/${board.id}\\?key=${board.keys.participant}$`));
    await ann.page.getByRole("button", { name: "Copy link to join this board" }).click();
    const copied = await ann.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await field.inputValue());
    await expectNoSeriousA11yViolations(ann.page);

    const ben = await openAs(browser, copied, "Ben");
    try {
      await expect(ben.page.getByRole("region", { name: "Your notes to place" })).toBeVisible();
      await expect(ben.page.getByRole("region", { name: "Here now" })).toContainText("Ben (you)");
      await expect(ann.page.getByRole("region", { name: "Here now" })).toContainText("Ben");
    } finally {
      await ben.context.close();
    }
    // Viewers have nothing to hand on.
    const viewer = await browser.newContext();
    const page = await viewer.newPage();
    await page.goto(board.links.view);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByRole("button", { name: "Invite others" })).toHaveCount(0);
    await viewer.close();
  } finally {
    await ann.context.close();
  }
});

test("the facilitator's invite is at the top, with the other links one click away", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  await page.getByLabel("Board title").fill("Invite first");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.getByRole("status")).toHaveText("Live");
  const id = boardIdOf(page);
  const link = page.getByRole("textbox", { name: "Participant link" });
  await expect(link).toHaveValue(new RegExp(`/b/${id}\\?key=[A-Za-z0-9_-]+$`));
  expect((await link.boundingBox())!.y).toBeLessThan(800);
  const participantKey = new URL(await link.inputValue()).searchParams.get("key");
  const presenter = page.getByRole("link", { name: "Open the presenter view" });
  await expect(presenter).toHaveAttribute("href", new RegExp(`^/b/${id}/present\\?key=[A-Za-z0-9_-]+#join=${participantKey}$`));
  await expect(page.getByRole("textbox", { name: "Viewer link" })).toHaveCount(0);
  await page.getByRole("button", { name: "All links" }).click();
  await expect(page.getByRole("textbox", { name: "Participant link" })).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "Viewer link" })).toHaveValue(new RegExp(`/b/${id}\\?key=`));
  await expect(page.getByRole("textbox", { name: "Facilitator link" })).toHaveValue(new RegExp(`/b/${id}\\?key=`));
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Fewer links" }).click();
  await expect(page.getByRole("textbox", { name: "Viewer link" })).toHaveCount(0);

  // Back another day in the same browser (a new tab, from the recent boards): the links are still there.
  const later = await page.context().newPage();
  await later.goto("/");
  await later.getByRole("region", { name: "Recent boards" }).getByRole("link", { name: /^Invite first/ }).click();
  await expect(later.getByRole("textbox", { name: "Participant link" })).toHaveValue(await link.inputValue());
});

test("a facilitator's device that joined before placing was a choice: with no placements it stops counting, with some it goes on placing", async ({
  browser,
  request,
  baseURL,
}) => {
  for (const placed of [false, true]) {
    const board = await createBoard(request, { title: placed ? "Old board, facilitator placed" : "Old board" });
    // As an older version wrote it, under the ids the test names: with the facilitator's key.
    const bot = await connectParticipant(baseURL!, board, "facilitator");
    const context = await browser.newContext();
    try {
      // As an older version left it: the facilitator's device joined as Fay on opening the board.
      bot.join("p-fay", "Fay", PARTICIPANT_COLORS[0]);
      bot.join("p-gus", "Gus", PARTICIPANT_COLORS[1]);
      if (placed) bot.place("rlhf", "p-fay", 0.5, 0.5);
      bot.place("rlhf", "p-gus", 2.5, 2.5);
      await context.addInitScript((id) => localStorage.setItem(`cruxboard:participant:${id}`, "p-fay"), board.id);
      const page = await context.newPage();
      await page.goto(board.links.facilitate);
      await expect(page.getByRole("status")).toHaveText("Live");
      const contested = page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^RLHF/ });
      if (placed) {
        await expect(page.getByRole("region", { name: "Your notes to place" })).toBeVisible();
        await expect(page.getByText("You run the board and place too, as Fay")).toBeVisible();
        await expect(contested).toContainText("Placed by 2 of 2");
        // Taking the note back does not make them a bystander on the next visit.
        await page.getByRole("button", { name: "RLHF, your placement" }).focus();
        await page.keyboard.press("Delete");
        await expect(contested).toContainText("Placed by 1 of 2");
        await page.reload();
        await expect(page.getByRole("region", { name: "Your notes to place" })).toBeVisible();
        expect(bot.board().participants.map((p) => p.name)).toEqual(["Fay", "Gus"]);
      } else {
        await expect.poll(() => bot.board().participants.map((p) => p.name)).toEqual(["Gus"]);
        await expect(page.getByRole("region", { name: "Your notes to place" })).toHaveCount(0);
        await expect(page.getByRole("button", { name: "I’m placing too" })).toBeVisible();
        await expect(contested).toContainText("Placed by 1 of 1");
        expect(await exported(request, board, "md")).toContain("Participants: 1  \n");
      }
    } finally {
      bot.close();
      await context.close();
    }
  }
});
