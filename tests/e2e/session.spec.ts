import { expect, test, type Page } from "@playwright/test";
import { ALIGNMENT_STARTER_ITEMS } from "../../lib/board/templates";
import { cell, essayCell, focusedTrayItem, reachablePoint, tray } from "./placing-support";
import { expectNoSeriousA11yViolations, readQrOnPage } from "./support";
import { shotPath } from "./shots";

/*
 * A whole reading-group session as its people run it, each in a browser of their own: the
 * facilitator on a laptop, the presenter view on a projector, Ada with a mouse, Ben with the
 * keyboard only, Pia on a phone who joins with the code on the projector. Nobody is a bot.
 */

const LAPTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const textOf = new Map(ALIGNMENT_STARTER_ITEMS.map((i) => [i.id, i.text]));

/** The grid and the page, measured on the projector. */
async function projectorFits(page: Page) {
  return page.evaluate(() => {
    const grid = document.querySelector('[role="grid"]')!.getBoundingClientRect();
    const root = document.documentElement;
    return {
      gridInside: grid.top >= 0 && grid.left >= 0 && grid.bottom <= window.innerHeight && grid.right <= window.innerWidth,
      scrolls: root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth,
    };
  });
}

/** Joins from a participant link with a name typed in, as a first-time visitor does. */
async function joinAs(page: Page, name: string) {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(tray(page)).toBeVisible();
}

test("a whole session: facilitator, projector, mouse, keyboard and phone participants, rounds, snapshots and every file", async ({ browser }) => {
  test.setTimeout(300_000);
  const laptop = await browser.newContext(LAPTOP);
  const adaContext = await browser.newContext(LAPTOP);
  const benContext = await browser.newContext(LAPTOP);
  const piaContext = await browser.newContext(PHONE);
  try {
    // The facilitator creates the board; their first screen is about inviting people, not joining.
    const host = await laptop.newPage();
    await host.goto("/");
    await host.getByLabel("Board title").fill("Week 3: Defining alignment research");
    await host.getByRole("button", { name: "Create board" }).click();
    await expect(host.getByRole("status")).toHaveText("Live");
    await expect(host.getByRole("heading", { name: "Invite people" })).toBeInViewport();
    await expect(host.getByLabel("Your name", { exact: true })).toHaveCount(0);
    await expect(host.getByRole("button", { name: "I’m placing too" })).toBeVisible();
    await host.screenshot({ path: shotPath("session-facilitator-first.png") });
    const boardId = new URL(host.url()).pathname.split("/")[2]!;
    const participantLink = await host.getByRole("textbox", { name: "Participant link" }).inputValue();

    // The presenter view, opened from the invite, goes on the 1920×1080 projector.
    const popup = host.waitForEvent("popup");
    await host.getByRole("link", { name: "Open the presenter view" }).click();
    const projector = await popup;
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await expect(projector.getByRole("status")).toHaveText("Live");
    const codeShown = projector.locator("[data-join-code]");
    await expect(codeShown).toBeVisible();
    const code = (await codeShown.getAttribute("data-join-code"))!;
    // The QR code reads the right way round, with no mirrored retry, and is the participant link.
    const qrText = await readQrOnPage(projector.getByRole("img", { name: "QR code of the join link" }));
    expect(qrText).toBe(participantLink);
    expect(await projectorFits(projector)).toEqual({ gridInside: true, scrolls: false });

    // Ada arrives by the QR code's link on a laptop and places with the mouse: click a note, click a cell.
    const ada = await adaContext.newPage();
    await ada.goto(qrText);
    await joinAs(ada, "Ada");
    // Ben types the same name by mistake: the board tells him, and he picks his own.
    const ben = await benContext.newPage();
    await ben.goto(participantLink);
    await ben.getByLabel("Your name").fill("ada");
    await ben.getByRole("button", { name: "Join", exact: true }).click();
    await expect(ben.getByRole("alert").filter({ hasText: "already called" })).toBeVisible();
    await ben.getByLabel("Your name").fill("Ben");
    await ben.getByRole("button", { name: "Join", exact: true }).click();
    await expect(tray(ben)).toBeVisible();
    // Pia types the short address and the code from the wall into her phone.
    const pia = await piaContext.newPage();
    await pia.goto("/join");
    await pia.getByRole("textbox", { name: "Join code" }).fill(code.toLowerCase());
    await pia.getByRole("button", { name: "Join", exact: true }).tap();
    await expect(pia).toHaveURL(new RegExp(`/b/${boardId}$`));
    await pia.getByLabel("Your name").fill("Pia");
    await pia.getByRole("button", { name: "Join", exact: true }).tap();
    await expect(tray(pia)).toBeVisible();

    // A blind round: the facilitator, who never places, is in no count.
    const controls = host.getByRole("toolbar", { name: "Facilitator controls" });
    await controls.getByRole("button", { name: "Start a blind round" }).click();
    const bar = host.getByRole("region", { name: "Facilitator" });
    await expect(bar).toContainText("Still placing: Ada (0 of 9), Ben (0 of 9), Pia (0 of 9)");
    await expect(projector.getByText("0 of 3")).toBeVisible();

    // Ada: RLHF and Scaling with the mouse.
    for (const id of ["rlhf", "scaling"]) {
      const target = essayCell.get(id)!;
      await tray(ada).getByRole("button", { name: new RegExp(`^${textOf.get(id)}`) }).click();
      // Towards the cell's top-left corner: her own view, not the cell's middle that the keyboard and taps give.
      await cell(ada, target.row, target.col).click({ position: { x: 24, y: 24 } });
      await expect(cell(ada, target.row, target.col).locator(`[data-note="${id}"]`)).toBeVisible();
    }

    // Ben: all nine from the keyboard alone, in at most four keys each once at the tray.
    let presses = 0;
    const press = async (key: string) => {
      presses++;
      await ben.keyboard.press(key);
    };
    while ((await focusedTrayItem(ben)) === null) {
      expect(presses, "Tabs to reach the tray").toBeLessThan(10);
      await press("Tab");
    }
    const tabs = presses;
    for (let placed = 0; placed < 9; placed++) {
      const item = (await focusedTrayItem(ben))!;
      const target = essayCell.get(item)!;
      await press("Enter");
      for (let r = 1; r < target.row; r++) await press("ArrowDown");
      for (let r = 1; r > target.row; r--) await press("ArrowUp");
      for (let c = 1; c < target.col; c++) await press("ArrowRight");
      for (let c = 1; c > target.col; c--) await press("ArrowLeft");
      await press("Enter");
      await expect(cell(ben, target.row, target.col).locator(`[data-note="${item}"]`)).toBeVisible();
      if (placed < 8) await expect.poll(() => focusedTrayItem(ben)).not.toBeNull();
    }
    expect(presses - tabs).toBeLessThanOrEqual(36);
    test.info().annotations.push({ type: "measured", description: `Ben: ${tabs} Tabs, then ${presses - tabs} keys for nine placements` });

    // Pia: three notes with two taps each, never scrolling.
    for (let placed = 0; placed < 3; placed++) {
      const note = tray(pia).locator("[data-tray-item]").first();
      const item = (await note.getAttribute("data-tray-item"))!;
      let point: { x: number; y: number } | null = null;
      await expect.poll(async () => (point = await reachablePoint(note))).not.toBeNull();
      await pia.touchscreen.tap(point!.x, point!.y);
      await expect(note).toHaveAttribute("aria-pressed", "true");
      const target = essayCell.get(item)!;
      // Everyone else's answers stay hidden from her while the round is blind.
      await expect.poll(async () => (point = await reachablePoint(cell(pia, target.row, target.col)))).not.toBeNull();
      await pia.touchscreen.tap(point!.x, point!.y);
      await expect(cell(pia, target.row, target.col).locator(`[data-note="${item}"]`)).toBeAttached();
    }
    await expect(pia.locator("[data-dot]")).toHaveCount(0);
    await expect(bar).toContainText("Still placing: Ada (2 of 9), Pia (3 of 9)");
    await expect(projector.getByText("1 of 3")).toBeVisible();

    // Reveal: counts are of the three who place, never the facilitator.
    await controls.getByRole("button", { name: "Reveal placements" }).click();
    const contested = host.getByRole("list", { name: "Most contested" });
    await expect(contested.getByRole("button", { name: /^RLHF/ })).toContainText("Placed by 3 of 3");
    await expect(contested.getByRole("button", { name: /^Agent foundations/ })).toContainText("Placed by 1 of 3");
    await expect(pia.locator("[data-dot]").first()).toBeAttached();
    // The essay's answers are nowhere while its layer is off.
    for (const page of [host, ada, ben, pia]) await expect(page.locator("body")).not.toContainText(/essay’s placement(?!s)|cells from the group’s centre/i);

    // Focus: the facilitator points everyone at RLHF, the projector shows it, the phone brings the bar into view.
    await contested.getByRole("button", { name: /^RLHF/ }).click();
    const panel = host.getByRole("region", { name: "RLHF" });
    await panel.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(panel.getByRole("button", { name: "Stop focusing" })).toBeVisible();
    await expect(projector.getByRole("heading", { name: "RLHF" })).toBeVisible();
    await expect(pia.getByRole("region", { name: "Facilitator focus" })).toBeInViewport();
    expect(await projectorFits(projector)).toEqual({ gridInside: true, scrolls: false });

    // A three-minute timer, readable on the wall.
    const timer = host.getByRole("group", { name: "Timer" });
    await timer.getByRole("button", { name: "Start a 3-minute timer" }).click();
    await expect(projector.locator("header").getByText(/^[23]:\d\d$/)).toBeVisible();
    await projector.screenshot({ path: shotPath("session-projector-1920.png") });
    await timer.getByRole("button", { name: "Stop timer" }).click();
    await panel.getByRole("button", { name: "Stop focusing" }).click();

    // Lock while the group listens; unlock to re-vote.
    await controls.getByRole("button", { name: /Lock board/ }).click();
    await expect(ada.getByText("The facilitator has locked the board for now.")).toBeVisible();
    await controls.getByRole("button", { name: /Locked/ }).click();

    // A new round keeps the placements; Ada moves RLHF towards the others, and the list shows the change.
    await host.getByRole("button", { name: "New round" }).click();
    await host.getByRole("radio", { name: "Keep placements for re-voting" }).check();
    await host.getByRole("button", { name: "Start round 2" }).click();
    await expect(ada.getByRole("list", { name: "Session" })).toContainText("Round 2");
    const adaNote = ada.getByRole("button", { name: "RLHF, your placement" });
    await adaNote.focus();
    await ada.keyboard.press("Enter");
    await ada.keyboard.press("ArrowDown");
    await ada.keyboard.press("Enter");
    await expect(contested.getByRole("button", { name: /^RLHF/ })).toContainText("Round 1: spread");

    // Pia leaves; the board says she is not here, and still counts her placements.
    await piaContext.close();
    await expect(host.getByRole("region", { name: "Not here" })).toContainText("Pia");
    await expect(contested.getByRole("button", { name: /^Scaling/ })).toContainText("Placed by 3 of 3");
    await expect(contested.getByRole("button", { name: /^Agent foundations/ })).toContainText("Placed by 1 of 3 (1 not here)");

    // A named snapshot, a comparison with now, and the replay.
    await host.getByRole("textbox", { name: "Snapshot name" }).fill("After the discussion");
    await host.getByRole("button", { name: "Take snapshot" }).click();
    await expect(host.getByRole("list", { name: "Snapshots" })).toContainText("After the discussion");
    const facilitatorKey = await facilitatorKeyOf(host, boardId);
    const compare = await laptop.newPage();
    await compare.goto(`/b/${boardId}/compare?key=${facilitatorKey}`);
    await expect(compare.getByRole("table")).toContainText("RLHF");
    await compare.close();
    const replay = await laptop.newPage();
    await replay.goto(`/b/${boardId}/replay?key=${facilitatorKey}`);
    await expect(replay.getByRole("slider")).toBeVisible();
    await replay.close();

    // The Markdown report for the meeting notes: round, the change since round 1, descriptions, three participants.
    const md = await (await host.request.get(`/api/boards/${boardId}/export?format=md&key=${facilitatorKey}`)).text();
    expect(md).toContain("Round: 2");
    expect(md).toContain("Participants: 3");
    expect(md).toMatch(/Since round 1/);
    expect(md).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    const csv = await (await host.request.get(`/api/boards/${boardId}/export?format=stats-csv&key=${facilitatorKey}`)).text();
    expect(csv).not.toMatch(/\d\.\d{4,}/);

    // The projector at 1280×720 still fits, and passes an accessibility scan.
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(() => projectorFits(projector)).toEqual({ gridInside: true, scrolls: false });
    await expectNoSeriousA11yViolations(projector);
  } finally {
    await laptop.close();
    await adaContext.close();
    await benContext.close();
    await piaContext.close().catch(() => {});
  }
});

/** The facilitator key, once it has left the address bar: the tab keeps the board's links. */
async function facilitatorKeyOf(page: Page, boardId: string): Promise<string> {
  const links = await page.evaluate((id) => sessionStorage.getItem(`cruxboard:links:${id}`) ?? localStorage.getItem(`cruxboard:links:${id}`), boardId);
  return new URL(JSON.parse(links!).facilitate, "http://x").searchParams.get("key")!;
}
