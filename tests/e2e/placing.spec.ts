import { expect, test, type Locator, type Page, type WebSocketRoute } from "@playwright/test";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs, OFFLINE_KEPT_HERE, participantIdIn } from "./support";
import { comesToRest, tray } from "./placing-support";

/** The screen point at a share (fx, fy) of a locator's box. */
async function pointIn(locator: Locator, fx: number, fy: number) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

async function mouseDrag(page: Page, from: Locator, to: { x: number; y: number }) {
  const start = await pointIn(from, 0.5, 0.5);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 20, start.y + 20, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

const chip = (page: Page, text: string) => tray(page).getByRole("button", { name: new RegExp(`^${text}`) });
const cell = (page: Page, name: string) => page.getByRole("gridcell", { name, exact: true });
const contested = (page: Page) => page.getByRole("list", { name: "Most contested" });

test("a note dragged on a desktop shows up with the new spread in another browser within a second", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Drag session" });
  // Tall enough that the tray and the whole grid are on screen together.
  const screen = { viewport: { width: 1280, height: 1100 } };
  const ana = await openAs(browser, board.links.join, "Ana", screen);
  const ben = await openAs(browser, board.links.join, "Ben", screen);
  try {
    await expect(ben.page.getByRole("region", { name: "Here now" })).toContainText("Ana");
    // Ben puts Scaling in the top-left cell's centre by keyboard: the tray chip, then up and left from the middle cell, then Enter.
    await chip(ben.page, "Scaling").focus();
    await ben.page.keyboard.press("Enter");
    await expect(cell(ben.page, "Behaviorist science, Pessimistic-case")).toBeFocused();
    await ben.page.keyboard.press("ArrowUp");
    await ben.page.keyboard.press("ArrowLeft");
    await expect(cell(ben.page, "Engineering, Average-case")).toBeFocused();
    await ben.page.keyboard.press("Enter");
    await expect(cell(ben.page, "Engineering, Average-case").getByRole("button", { name: "Scaling, your placement" })).toBeVisible();

    // Ana drags hers into the middle of Behaviorist science × Worst-case.
    const target = await pointIn(cell(ana.page, "Behaviorist science, Worst-case"), 0.5, 0.5);
    await mouseDrag(ana.page, chip(ana.page, "Scaling"), target);
    await expect(cell(ana.page, "Behaviorist science, Worst-case").getByRole("button", { name: "Scaling, your placement" })).toBeVisible();
    await expect(chip(ana.page, "Scaling")).toHaveCount(0);

    // Ben sees Ana's dot where she dropped it and the spread of (0.5, 0.5) and (2.5, 1.5): √5 / 2 ≈ 1.12.
    const anaId = await ana.participantId();
    const dot = ben.page.locator(`[data-dot="scaling:${anaId}"]`);
    await expect(dot).toHaveCount(1, { timeout: 1000 });
    await expect(contested(ben.page).getByRole("button", { name: /^Scaling/ })).toContainText("1.12", { timeout: 1000 });
    const style = await dot.getAttribute("style");
    expect(Number(/left: ([\d.]+)%/.exec(style ?? "")?.[1])).toBeCloseTo(83.33, 0);
    expect(Number(/top: ([\d.]+)%/.exec(style ?? "")?.[1])).toBeCloseTo(50, 0);

    // Moving it again is a drag of the note itself; dropping it on the tray takes it back.
    const note = cell(ana.page, "Behaviorist science, Worst-case").getByRole("button", { name: "Scaling, your placement" });
    await mouseDrag(ana.page, note, await pointIn(cell(ana.page, "Engineering, Pessimistic-case"), 0.3, 0.3));
    await expect(cell(ana.page, "Engineering, Pessimistic-case").getByRole("button", { name: "Scaling, your placement" })).toBeVisible();
    await expect(contested(ben.page).getByRole("button", { name: /^Scaling/ })).not.toContainText("1.12");
    const moved = cell(ana.page, "Engineering, Pessimistic-case").getByRole("button", { name: "Scaling, your placement" });
    await mouseDrag(ana.page, moved, await pointIn(tray(ana.page), 0.5, 0.3));
    await expect(chip(ana.page, "Scaling")).toBeVisible();
    await expect(dot).toHaveCount(0);
  } finally {
    await ana.context.close();
    await ben.context.close();
  }
});

test("a note is placed, moved, cancelled and taken back with the keyboard alone", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Keyboard session" });
  const you = await openAs(browser, board.links.join, "Kim");
  const bot = await connectParticipant(baseURL!, board);
  try {
    const { page } = you;
    const id = await you.participantId();
    await chip(page, "RLHF").focus();
    await page.keyboard.press("Enter");
    await expect(tray(page).getByRole("button", { name: /^RLHF/, pressed: true })).toHaveCount(1);
    // A picked-up note starts in the middle cell; past the grid's edge it stays in the last cell.
    await expect(cell(page, "Behaviorist science, Pessimistic-case")).toBeFocused();
    for (const key of ["ArrowRight", "ArrowRight"]) await page.keyboard.press(key);
    await expect(cell(page, "Behaviorist science, Worst-case")).toBeFocused();
    // Shift nudges within the cell: the position inside a cell is continuous.
    await page.keyboard.press("Shift+ArrowLeft");
    await page.keyboard.press("Enter");
    const note = cell(page, "Behaviorist science, Worst-case").getByRole("button", { name: "RLHF, your placement" });
    await expect(note).toBeVisible();
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id && p.item === "rlhf")).toMatchObject({ col: 2.4, row: 1.5 });
    // The tray's next note is ready for the next placement.
    await expect(chip(page, "Adversarial robustness")).toBeFocused();

    // Into the cell, pick the note up, carry it left, change your mind: Escape leaves it where it was.
    await cell(page, "Behaviorist science, Worst-case").focus();
    await page.keyboard.press("Enter");
    await expect(note).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowLeft");
    await expect(cell(page, "Behaviorist science, Pessimistic-case")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(note).toBeVisible();
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id && p.item === "rlhf")?.col).toBe(2.4);

    // Now move it for real: one cell up keeps its place inside the cell.
    await note.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect(cell(page, "Engineering, Worst-case").getByRole("button", { name: "RLHF, your placement" })).toBeVisible();
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id && p.item === "rlhf")).toMatchObject({ col: 2.4, row: 0.5 });

    // Delete on the note takes it back to the tray.
    await page.keyboard.press("Enter");
    await page.keyboard.press("Delete");
    await expect(cell(page, "Engineering, Worst-case")).toBeFocused();
    await expect(chip(page, "RLHF")).toBeVisible();
    await expect.poll(() => bot.board().placements.filter((p) => p.participant === id).length).toBe(0);

    // From the item panel: Place carries it to the grid; Take back leaves focus in the panel, on Place.
    await page.getByRole("button", { name: "Place RLHF" }).click();
    await expect(cell(page, "Behaviorist science, Pessimistic-case")).toBeFocused();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Take back RLHF" }).click();
    await expect(page.getByRole("button", { name: "Place RLHF" })).toBeFocused();
    await expect.poll(() => bot.board().placements.filter((p) => p.participant === id).length).toBe(0);
  } finally {
    bot.close();
    await you.context.close();
  }
});

test("on a phone a note is dragged by touch without the page scrolling", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Phones" });
  const phone = await openAs(browser, board.links.join, "Pat", {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  const bot = await connectParticipant(baseURL!, board);
  try {
    const { page } = phone;
    const id = await phone.participantId();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Tap to pick up, tap a cell to drop: the simplest way on a phone.
    await chip(page, "Scaling").tap();
    await cell(page, "Engineering, Average-case").tap();
    await expect(cell(page, "Engineering, Average-case").getByRole("button", { name: "Scaling, your placement" })).toBeVisible();
    // The placement selects the item; its panel (below the grid on a phone) loads on first use. The page's
    // height settles with it, so the scroll positions measured below are the ones the drag starts from.
    await expect(page.getByRole("heading", { level: 2, name: "Scaling" })).toBeVisible();

    // On a phone the tray is docked below the grid, one row of notes: a sideways swipe on a note scrolls the row and picks nothing up.
    const cdp = await phone.context.newCDPSession(page);
    const row = tray(page).getByRole("list", { name: "Notes still to place" });
    const swipeFrom = await pointIn(chip(page, "Optimization science"), 0.5, 0.5);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [swipeFrom] });
    for (let i = 1; i <= 8; i++) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: swipeFrom.x - i * 25, y: swipeFrom.y }] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect.poll(() => row.evaluate((list) => list.scrollLeft)).toBeGreaterThan(0);
    await comesToRest(row);
    await expect(page.locator(".drag-ghost")).toHaveCount(0);
    await expect(chip(page, "Optimization science")).toBeVisible();

    // Or drag with a finger, up out of the docked tray and onto the grid.
    const note = chip(page, "Agent foundations");
    const target = cell(page, "Cognitivist science, Worst-case");
    await page.getByRole("grid").evaluate((grid) => grid.scrollIntoView({ block: "center" }));
    await note.evaluate((n) => n.scrollIntoView({ inline: "nearest", block: "nearest" }));
    const from = await pointIn(note, 0.5, 0.5);
    const pin = await pointIn(target, 0.5, 0.5);
    // The note rides above the fingertip so it stays visible: the finger ends below the spot.
    const to = { x: pin.x, y: pin.y + 36 };
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from.x, y: from.y }] });
    // Docked notes leave sideways swipes to the tray's row; holding still picks one up.
    await expect(page.locator(".drag-ghost")).toBeAttached();
    for (let i = 1; i <= 12; i++) {
      const t = i / 12;
      await cdp.send("Input.dispatchTouchEvent", {
        type: "touchMove",
        touchPoints: [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }],
      });
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });

    await expect(target.getByRole("button", { name: "Agent foundations, your placement" })).toBeVisible();
    await expect(page.locator(".drag-ghost")).toHaveCount(0);
    await expect
      .poll(() => bot.board().placements.find((p) => p.participant === id && p.item === "agent-foundations"))
      .toMatchObject({ col: expect.closeTo(2.5, 1), row: expect.closeTo(2.5, 1) });

  } finally {
    bot.close();
    await phone.context.close();
  }
});

test("the group's view: dots, centre and spread ring of a selected item, who placed it where, and the reference layer", async ({
  page,
  request,
  baseURL,
}) => {
  const board = await createBoard(request, { title: "Group view" });
  const bot = await connectParticipant(baseURL!, board);
  try {
    bot.join("p-ada", "Ada", "#2563eb");
    bot.join("p-bo", "Bo", "#db2777");
    bot.place("rlhf", "p-ada", 0.5, 0.5);
    bot.place("rlhf", "p-bo", 2.5, 2.5);
    bot.place("scaling", "p-ada", 0.5, 0.5);
    await page.goto(board.links.view);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.locator("[data-dot]")).toHaveCount(3);
    // Viewers watch: no tray.
    await expect(tray(page)).toHaveCount(0);

    await contested(page).getByRole("button", { name: /^RLHF/ }).click();
    const detail = page.getByRole("region", { name: "RLHF" });
    await expect(page.getByRole("heading", { name: "RLHF", level: 2 })).toBeFocused();
    await expect(detail).toContainText("2 of 2");
    await expect(detail).toContainText("1.41");
    await expect(detail).toContainText("Ada — Engineering, Average-case");
    await expect(detail).toContainText("Bo — Cognitivist science, Worst-case");
    await expect(contested(page).getByRole("button", { name: /^RLHF/ })).toHaveAttribute("aria-current", "true");
    // The ring's radius is the spread: √2 cells across, as a share of the 3-cell grid.
    const ring = page.locator('[data-ring="rlhf"]');
    await expect(ring).toBeVisible();
    expect(await ring.getAttribute("style")).toContain(`width: ${((2 * Math.SQRT2) / 3) * 100}`.slice(0, 12));

    // The essay's own cells, on request, with the distance from the group's centre.
    const toggle = page.getByRole("button", { name: "Essay’s placements" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(cell(page, "Engineering, Pessimistic-case")).toContainText("Essay’s placement: RLHF");
    // Centre (1.5, 1.5) to the centre of Engineering × Pessimistic-case (1.5, 0.5): one cell.
    await expect(contested(page).getByRole("button", { name: /^RLHF/ })).toContainText("1.00 cells from the essay’s placement");
    await expect(detail).toContainText("1.00 cells from the group’s centre");
    await expect(page.locator("[data-reference-target]")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  } finally {
    bot.close();
  }
});

test("presence shows who is here and what they are dragging", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Presence" });
  const ana = await openAs(browser, board.links.join, "Ana");
  // Tall enough for the tray and the whole grid: held at the screen's edge, a drag would scroll the page.
  const ben = await openAs(browser, board.links.join, "Ben", { viewport: { width: 1280, height: 1100 } });
  try {
    const here = (p: Page) => p.getByRole("region", { name: "Here now" });
    await expect(here(ana.page)).toContainText("Ben");
    await expect(here(ben.page)).toContainText("Ana");
    await expect(here(ben.page)).toContainText("Ben (you)");

    const start = await pointIn(chip(ben.page, "Scaling"), 0.5, 0.5);
    const over = await pointIn(cell(ben.page, "Cognitivist science, Average-case"), 0.5, 0.5);
    await ben.page.mouse.move(start.x, start.y);
    await ben.page.mouse.down();
    await ben.page.mouse.move(over.x, over.y, { steps: 8 });
    await expect(ana.page.locator("[data-peer-drag]")).toContainText("Ben: Scaling");
    await expect(here(ana.page)).toContainText("moving Scaling");
    // Escape cancels the drag: nothing placed, and the others see it end.
    await ben.page.keyboard.press("Escape");
    await ben.page.mouse.up();
    await expect(ana.page.locator("[data-peer-drag]")).toHaveCount(0);
    await expect(chip(ben.page, "Scaling")).toBeVisible();

    await ben.context.close();
    // Ben still takes part: he is shown as not here, not forgotten.
    await expect(ana.page.getByRole("region", { name: "Not here" })).toContainText("Ben");
    await expect(here(ana.page)).not.toContainText("Ben");
  } finally {
    await ana.context.close();
    await ben.context.close().catch(() => {});
  }
});

test("an item named like markup is shown as text everywhere, and the board passes an accessibility scan while placing", async ({
  browser,
  request,
  baseURL,
}) => {
  const board = await createBoard(request, { title: "Hostile names" });
  const bot = await connectParticipant(baseURL!, board);
  const you = await openAs(browser, board.links.join, "Lee");
  try {
    const { page } = you;
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    const name = "<img src=x onerror=alert(1)>";
    bot.join("p-mal", "<b>Mal</b>", "#dc2626");
    bot.addItem("i-xss", name, "p-mal");
    bot.place("i-xss", "p-mal", 1.2, 1.2);
    await expect(page.getByRole("button", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) })).toHaveCount(2);
    await expect(page.locator("img[src=x]")).toHaveCount(0);
    await contested(page).getByRole("button").first().click();
    await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
    await expect(page.getByRole("region", { name })).toContainText("<b>Mal</b> — Behaviorist science, Pessimistic-case");

    // Mid-placement, with a note carried over the grid.
    await chip(page, "Scaling").focus();
    await page.keyboard.press("Enter");
    await expectNoSeriousA11yViolations(page);
    expect(dialogs).toBe(0);
  } finally {
    bot.close();
    await you.context.close();
  }
});

test("the board downloads as SVG and PNG pictures of what this person sees", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Picture: week 3" });
  const bot = await connectParticipant(baseURL!, board);
  const fs = await import("node:fs");
  const picture = async (kind: "SVG" | "PNG") => {
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: `Download ${kind}` }).click();
    const download = await downloading;
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  };
  try {
    bot.join("p-ada", "Ada", "#2563eb");
    bot.place("rlhf", "p-ada", 1.5, 0.5);
    await page.goto(board.links.facilitate);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.locator("[data-dot]")).toHaveCount(1);
    const svg = await picture("SVG");
    expect(svg.name).toMatch(/^picture-week-3-\d{4}-\d{2}-\d{2}\.svg$/);
    const text = svg.bytes.toString("utf8");
    expect(text).toContain("Picture: week 3");
    await bot.settled();
    expect(text).toMatch(new RegExp(`<circle class="dot" data-item="rlhf" data-participant="${bot.idOf("p-ada")}"[^>]*fill="#2563eb"`, "i"));
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(text)?.[1]);
    const png = await picture("PNG");
    expect(png.name).toBe(svg.name.replace(/\.svg$/, ".png"));
    expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    // IHDR: width, big-endian, at byte 16; drawn at twice the picture's size so it prints sharply.
    expect(png.bytes.readUInt32BE(16)).toBe(Math.round(width * 2));
    await expect(page.getByRole("button", { name: "Download PNG" })).toBeEnabled();

    // In a blind round the facilitator sees nobody's placements, and neither does their picture.
    await page.getByRole("toolbar", { name: "Facilitator controls" }).getByRole("button", { name: "Start a blind round" }).click();
    await expect(page.locator("[data-dot]")).toHaveCount(0);
    expect((await picture("SVG")).bytes.toString("utf8")).not.toContain('class="dot"');
  } finally {
    bot.close();
  }
});

test("a note placed while offline reaches the board when the connection is back", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Offline placing" });
  const context = await browser.newContext();
  await context.addInitScript(() => localStorage.setItem("cruxboard:name", "Oli"));
  let reachable = true;
  const sockets = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/sync\//, (ws) => {
    if (!reachable) return ws.close({ code: 1001, reason: "unreachable (test)" });
    ws.connectToServer();
    sockets.add(ws);
  });
  const bot = await connectParticipant(baseURL!, board);
  try {
    const page = await context.newPage();
    await page.goto(board.links.join);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(tray(page)).toBeVisible();
    const id = await participantIdIn(page);

    reachable = false;
    for (const ws of sockets) await ws.close({ code: 1001, reason: "dropped (test)" });
    await expect(page.getByRole("status")).toHaveText(OFFLINE_KEPT_HERE);
    await chip(page, "AI control").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(cell(page, "Behaviorist science, Pessimistic-case").getByRole("button", { name: "AI control, your placement" })).toBeVisible();
    expect(bot.board().placements.some((p) => p.participant === id)).toBe(false);

    reachable = true;
    await expect(page.getByRole("status")).toHaveText("Live", { timeout: 15_000 });
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id)?.item).toBe("ai-control");
  } finally {
    bot.close();
    await context.close();
  }
});

test("a 5×5 board fits a phone, and its last row and column take notes from the keyboard", async ({ browser, request, baseURL }) => {
  const axes = (prefix: string) => Array.from({ length: 5 }, (_, i) => ({ id: `${prefix}${i + 1}`, label: `${prefix.toUpperCase()}${i + 1} long label` }));
  const board = await createBoard(request, { title: "Five by five", template: "blank", grid: { rows: axes("r"), columns: axes("c") } });
  const bot = await connectParticipant(baseURL!, board);
  const phone = await openAs(browser, board.links.join, "Pia", { viewport: { width: 390, height: 844 }, hasTouch: true });
  try {
    const { page } = phone;
    bot.addItem("i-five", "Five");
    await expect(chip(page, "Five")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expect(page.getByRole("gridcell")).toHaveCount(25);

    await chip(page, "Five").focus();
    await page.keyboard.press("Enter");
    // Past the edge the note stays in the last cell.
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    await expect(cell(page, "R5 long label, C5 long label")).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(cell(page, "R5 long label, C5 long label").getByRole("button", { name: "Five, your placement" })).toBeVisible();
    const id = await phone.participantId();
    await expect.poll(() => bot.board().placements.find((p) => p.participant === id)).toMatchObject({ col: 4.5, row: 4.5 });
  } finally {
    bot.close();
    await phone.context.close();
  }
});

test("when the facilitator locks the board, placing stops and says why", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Locking" });
  const facilitator = await connectParticipant(baseURL!, board, "facilitator");
  const you = await openAs(browser, board.links.join, "Lou");
  try {
    const { page } = you;
    await chip(page, "Scaling").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowRight");
    await expect(tray(page).getByRole("button", { name: /^Scaling/, pressed: true })).toHaveCount(1);

    facilitator.lock(true);
    await expect(tray(page).getByText("The facilitator has locked the board for now.")).toBeVisible();
    await expect(tray(page).getByRole("button", { name: /^Scaling/ })).toBeDisabled();
    await expect(tray(page).getByRole("button", { pressed: true })).toHaveCount(0);
    // Enter on the grid now places nothing.
    await cell(page, "Engineering, Pessimistic-case").focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("[data-note]")).toHaveCount(0);

    facilitator.lock(false);
    await expect(tray(page).getByRole("button", { name: /^Scaling/ })).toBeEnabled();
  } finally {
    facilitator.close();
    await you.context.close();
  }
});
