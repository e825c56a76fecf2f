import { expect, test } from "@playwright/test";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs, placeToo } from "./support";

test("a blind round hides everyone else's placements until the facilitator reveals them", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Reading group" });
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const guest = await openAs(browser, board.links.join, "Gus");
  const bot = await connectParticipant(baseURL!, board);
  try {
    const controls = host.page.getByRole("toolbar", { name: "Facilitator controls" });
    // Only the facilitator's link has the controls.
    await expect(guest.page.getByRole("toolbar", { name: "Facilitator controls" })).toHaveCount(0);

    const bar = host.page.getByRole("region", { name: "Facilitator" });
    await expect(bar).toContainText("Still placing: Gus (0 of 9)");
    await controls.getByRole("button", { name: "Start a blind round" }).click();
    await expect(guest.page.getByRole("heading", { name: "Blind round", level: 2 })).toBeVisible();
    await expect(guest.page.getByRole("list", { name: "Most contested" })).toHaveCount(0);
    await expect(host.page.getByText("not cryptographically")).toBeVisible();

    bot.join("p-hal", "Hal", "#059669");
    bot.place("rlhf", "p-hal", 2.5, 2.5);
    await bot.settled();
    const hal = bot.idOf("p-hal");
    // Gus places his own; he sees it, not Hal's.
    await guest.page.getByRole("region", { name: "Your notes to place" }).getByRole("button", { name: /^RLHF/ }).focus();
    await guest.page.keyboard.press("Enter");
    await guest.page.keyboard.press("Enter");
    await expect(guest.page.locator("[data-note]")).toHaveCount(1);
    // Hal then adds a note from the same connection; Yjs applies a client's writes in order, so once
    // Gus's page lists it, Hal's placement has reached that page too — and must not be shown there.
    bot.addItem("hal-later", "Hal's later note", "p-hal");
    await expect(guest.page.getByRole("region", { name: "Your notes to place" }).getByRole("button", { name: /^Hal's later note/ })).toBeVisible();
    await expect(guest.page.locator(`[data-dot="rlhf:${hal}"]`)).toHaveCount(0);
    await expect(guest.page.locator("[data-centroid]")).toHaveCount(1);
    await expect(bar).toContainText("Still placing: Gus (1 of 10)");
    // Nor do the files, comparisons or the replay show him the group's placements until the reveal.
    await expect(guest.page.getByRole("link", { name: "Download JSON" })).toHaveCount(0);
    await expect(guest.page.getByText("they are here once the facilitator reveals the round")).toBeVisible();
    await expect(guest.page.getByRole("link", { name: "Replay the session" })).toHaveCount(0);
    await expect(host.page.getByRole("link", { name: "Download JSON" })).toBeVisible();
    await expect(host.page.getByRole("link", { name: "Replay the session" })).toBeVisible();

    // The facilitator sees who placed what, not where; peeking shows the dots on this screen only.
    const who = host.page.getByRole("list", { name: "Who has placed each item" });
    await expect(who.getByRole("listitem").filter({ hasText: /^RLHF/ })).toContainText(/Gus.*Hal|Hal.*Gus/);
    await expect(host.page.locator(`[data-dot="rlhf:${hal}"]`)).toHaveCount(0);
    await controls.getByRole("button", { name: "Peek at placements" }).click();
    await expect(host.page.locator(`[data-dot="rlhf:${hal}"]`)).toHaveCount(1);
    await expect(guest.page.locator(`[data-dot="rlhf:${hal}"]`)).toHaveCount(0);
    await expectNoSeriousA11yViolations(host.page);

    await controls.getByRole("button", { name: "Reveal placements" }).click();
    await expect(guest.page.locator(`[data-dot="rlhf:${hal}"]`)).toHaveCount(1);
    await expect(guest.page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^RLHF/ })).toContainText("Placed by 2");
    await expect(guest.page.getByRole("link", { name: "Download JSON" })).toBeVisible();
    await expect(guest.page.getByRole("link", { name: "Replay the session" })).toBeVisible();
  } finally {
    bot.close();
    await host.context.close();
    await guest.context.close();
  }
});

test("the facilitator locks and unlocks the board from the control bar", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Lock from the bar" });
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    const lock = host.page.getByRole("toolbar", { name: "Facilitator controls" }).getByRole("button", { name: /Lock board/ });
    await lock.click();
    await expect(host.page.getByRole("button", { name: /Locked/, pressed: true })).toBeVisible();
    await expect(guest.page.getByText("The facilitator has locked the board for now.")).toBeVisible();
    await host.page.getByRole("button", { name: /Locked/ }).click();
    await expect(guest.page.getByText("Drag a note onto the grid, or select it and then choose a cell.")).toBeVisible();
  } finally {
    await host.context.close();
    await guest.context.close();
  }
});

test("focus brings everyone to the facilitator's item; a participant can step out of following and back in", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Focus" });
  const bot = await connectParticipant(baseURL!, board);
  bot.join("p-hal", "Hal", "#059669");
  bot.place("rlhf", "p-hal", 1.5, 0.5);
  bot.place("scaling", "p-hal", 0.5, 0.5);
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    const panelHeading = (p: typeof guest.page) => p.locator("#detail-heading");
    await host.page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^RLHF/ }).click();
    await host.page.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(host.page.getByRole("region", { name: "RLHF" }).getByRole("button", { name: "Stop focusing" })).toBeVisible();
    await expect(panelHeading(guest.page)).toHaveText("RLHF");
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toContainText("The facilitator is focusing on RLHF.");

    await guest.page.getByRole("button", { name: "Stop following" }).click();
    await host.page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^Scaling/ }).click();
    await host.page.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toContainText("The facilitator is focusing on Scaling.");
    await expect(panelHeading(guest.page)).toHaveText("RLHF");

    await guest.page.getByRole("button", { name: "Follow the facilitator" }).click();
    await expect(panelHeading(guest.page)).toHaveText("Scaling");

    // Ending the focus leaves everyone where they are.
    await host.page.getByRole("region", { name: "Scaling" }).getByRole("button", { name: "Stop focusing" }).click();
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toHaveCount(0);
    await expect(panelHeading(guest.page)).toHaveText("Scaling");
  } finally {
    bot.close();
    await host.context.close();
    await guest.context.close();
  }
});

test("the timer shows the same time left on every screen, even on a device whose clock is 30 s off", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Timer" });
  const host = await openAs(browser, board.links.facilitate, "Fay");
  // A guest whose clock runs 30 s ahead: everything in the page that asks Date for the time is told so.
  const skewed = await browser.newContext();
  await skewed.addInitScript(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + 30_000;
  });
  await skewed.addInitScript(() => localStorage.setItem("cruxboard:name", "Gus"));
  const guest = await skewed.newPage();
  try {
    await guest.goto(board.links.join);
    await expect(guest.getByRole("status")).toHaveText("Live");
    expect(await guest.evaluate(() => Date.now() - new Date().getTime())).toBeGreaterThan(29_000);

    const clickedFrom = Date.now();
    await host.page.getByRole("button", { name: "Start a 3-minute timer" }).click();
    const left = async (page: typeof guest) => {
      const text = (await page.getByRole("timer").textContent()) ?? "";
      const [m, s] = text.split(":").map(Number);
      return m! * 60 + s!;
    };
    await expect(guest.getByRole("timer")).toHaveText(/^[23]:\d\d$/);
    await expect(host.page.getByRole("timer")).toHaveText(/^[23]:\d\d$/);
    // The guest's screen is read between two readings of the host's that agree, so both show the same
    // second (or straddle one tick) however slowly the reads come; a loaded machine only reads again.
    let a = 0;
    await expect(async () => {
      const before = await left(host.page);
      const b = await left(guest);
      a = await left(host.page);
      expect(before).toBe(a);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    }).toPass({ timeout: 20_000 });
    // Three minutes from the click, less what has passed since (the timer was started after
    // clickedFrom, and the host's screen read before now), and a second for the display's rounding.
    const elapsed = Math.ceil((Date.now() - clickedFrom) / 1000);
    expect(a).toBeLessThanOrEqual(180);
    expect(a).toBeGreaterThanOrEqual(180 - elapsed - 1);

    await host.page.getByRole("button", { name: "Pause timer" }).click();
    await expect(guest.getByRole("timer")).toHaveAccessibleName(/Timer paused/);
    await host.page.getByRole("button", { name: "Stop timer" }).click();
    await expect(guest.getByRole("timer")).toHaveCount(0);
  } finally {
    await host.context.close();
    await skewed.close();
  }
});

test("a new round saves the last one as a snapshot, and the board shows how each spread changed", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Rounds" });
  const bot = await connectParticipant(baseURL!, board);
  const host = await openAs(browser, board.links.facilitate, "Fay");
  try {
    bot.join("p-hal", "Hal", "#059669");
    bot.join("p-ivy", "Ivy", "#db2777");
    bot.place("rlhf", "p-hal", 0.5, 0.5);
    bot.place("rlhf", "p-ivy", 2.5, 2.5);
    const list = host.page.getByRole("list", { name: "Most contested" });
    await expect(list.getByRole("button", { name: /^RLHF/ })).toContainText("1.41");

    // Round 2 keeps the placements for re-voting.
    await host.page.getByRole("button", { name: "New round" }).click();
    await host.page.getByRole("radio", { name: "Keep placements for re-voting" }).check();
    await host.page.getByRole("button", { name: "Start round 2" }).click();
    await expect(host.page.getByRole("list", { name: "Session" })).toContainText("Round 2");
    const snapshots = await (await request.get(`/api/boards/${board.id}/snapshots?key=${board.keys.viewer}`)).json();
    expect(snapshots.map((s: { name: string }) => s.name)).toEqual(["Round 1"]);
    await expect(host.page.locator("[data-dot]")).toHaveCount(2);

    // Ivy comes round: the spread shrinks, and the board says so.
    bot.place("rlhf", "p-ivy", 0.7, 0.5);
    await expect(list.getByRole("button", { name: /^RLHF/ })).toContainText("Round 1: spread 1.41 → 0.10");
    await host.page.getByRole("group", { name: "Order" }).getByRole("button", { name: "Most changed" }).click();
    await expect(host.page.getByRole("button", { name: "Most changed" })).toHaveAttribute("aria-pressed", "true");

    // Round 3 starts from a clean grid.
    await host.page.getByRole("button", { name: "New round" }).click();
    await host.page.getByRole("radio", { name: "Clear all placements" }).check();
    await host.page.getByRole("button", { name: "Start round 3" }).click();
    await expect(host.page.getByRole("list", { name: "Session" })).toContainText("Round 3");
    await expect(host.page.locator("[data-dot]")).toHaveCount(0);
    await expect.poll(() => bot.board().placements.length).toBe(0);
  } finally {
    bot.close();
    await host.context.close();
  }
});

test("anonymous mode shows stable pseudonyms on every screen and in exports", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Anonymous" });
  const bot = await connectParticipant(baseURL!, board);
  bot.join("p-hal", "Hal", "#059669");
  bot.place("rlhf", "p-hal", 1.5, 0.5);
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    await guest.page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^RLHF/ }).click();
    const panel = guest.page.getByRole("region", { name: "RLHF" });
    await expect(panel).toContainText("Hal — Engineering, Pessimistic-case");

    await host.page.getByRole("button", { name: "Anonymous names" }).click();
    await expect(host.page.getByRole("button", { name: "Anonymous names" })).toHaveAttribute("aria-pressed", "true");
    await expect(panel).toContainText("Participant 1 — Engineering, Pessimistic-case");
    await expect(panel).not.toContainText("Hal");
    await expect(guest.page.getByRole("region", { name: "Here now" })).not.toContainText("Fay");
    await expect(guest.page.getByRole("region", { name: "Here now" })).toContainText("Gus (you)");

    const snapshot = await (await request.get(`/api/boards/${board.id}/export?format=json&key=${board.keys.viewer}`)).json();
    const names = snapshot.participants.map((p: { name: string }) => p.name);
    // Hal and Gus; the facilitator runs the board and is nobody's pseudonym.
    expect(names).toEqual(["Participant 1", "Participant 2"]);
    const csv = await (await request.get(`/api/boards/${board.id}/export?format=csv&key=${board.keys.viewer}`)).text();
    expect(csv).not.toContain("Hal");
  } finally {
    bot.close();
    await host.context.close();
    await guest.context.close();
  }
});

test("the facilitator renames a row and edits its hint live", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Grid editing" });
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    await host.page.getByRole("button", { name: "Edit grid" }).click();
    const form = host.page.getByRole("form", { name: "Edit the grid" });
    // A live board is renamed, never reshaped.
    await expect(form.getByRole("button", { name: /^Add a/ })).toHaveCount(0);
    await form.getByRole("textbox", { name: "Row 1", exact: true }).fill("");
    await form.getByRole("button", { name: "Save grid" }).click();
    await expect(form.getByText("Give this row a name.")).toBeVisible();
    await form.getByRole("textbox", { name: "Row 1", exact: true }).fill("Building");
    await form.getByRole("textbox", { name: "Hint for row 1 (optional)" }).fill("Making things work");
    await form.getByRole("button", { name: "Save grid" }).click();
    await expect(form).toHaveCount(0);
    await expect(guest.page.getByRole("rowheader", { name: "Building" })).toBeVisible();
    await expect(guest.page.getByRole("gridcell", { name: "Building, Worst-case" })).toBeVisible();
    await expect(guest.page.getByRole("rowheader", { name: "Building" })).toHaveAccessibleDescription("Making things work");
  } finally {
    await host.context.close();
    await guest.context.close();
  }
});

test("a whole blind round with two participants: place, progress, reveal, new round, re-place, convergence", async ({ browser, request }) => {
  // Two items keep the round short.
  const board = await createBoard(request, {
    title: "Whole round",
    template: "blank",
    grid: { rows: [{ id: "r1", label: "High" }, { id: "r2", label: "Low" }], columns: [{ id: "c1", label: "Soon" }, { id: "c2", label: "Later" }] },
  });
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const ann = await openAs(browser, board.links.join, "Ann");
  const ben = await openAs(browser, board.links.join, "Ben");
  try {
    await host.page.getByRole("region", { name: /^Items/ }).getByText("Add an item").click();
    await host.page.getByLabel("Item text").fill("Ship the beta");
    await host.page.getByRole("button", { name: "Add item" }).click();
    const bar = host.page.getByRole("region", { name: "Facilitator" });
    await host.page.getByRole("button", { name: "Start a blind round" }).click();
    await host.page.getByRole("checkbox", { name: "Reveal when everyone here has placed everything" }).check();
    // Ann and Ben: the facilitator, who only runs the board, is not counted.
    await expect(bar).toContainText("0 of 2 placed everything");

    const place = async (page: typeof ann.page, keys: string[]) => {
      await page.getByRole("region", { name: "Your notes to place" }).getByRole("button", { name: /^Ship the beta/ }).focus();
      await page.keyboard.press("Enter");
      for (const key of keys) await page.keyboard.press(key);
      await page.keyboard.press("Enter");
    };
    await place(ann.page, []); // High × Soon
    await expect(bar).toContainText("1 of 2 placed everything");
    await expect(ben.page.locator("[data-dot]")).toHaveCount(0);
    await place(ben.page, ["ArrowRight", "ArrowDown"]); // Low × Later: everyone here is done, so it reveals itself
    await expect(ann.page.getByRole("list", { name: "Most contested" })).toContainText("0.71");
    await expect(ann.page.locator("[data-dot]")).toHaveCount(1);

    // Round 2 keeps the notes; Ben moves his next to Ann's and the board shows the convergence.
    await host.page.getByRole("button", { name: "New round" }).click();
    await host.page.getByRole("button", { name: "Start round 2" }).click();
    await expect(ben.page.getByRole("list", { name: "Session" })).toContainText("Round 2");
    const note = ben.page.getByRole("button", { name: "Ship the beta, your placement" });
    await note.focus();
    await ben.page.keyboard.press("Enter");
    await ben.page.keyboard.press("ArrowLeft");
    await ben.page.keyboard.press("ArrowUp");
    await ben.page.keyboard.press("Enter");
    await expect(ann.page.getByRole("list", { name: "Most contested" })).toContainText("Round 1: spread 0.71 → 0.00");
  } finally {
    await host.context.close();
    await ann.context.close();
    await ben.context.close();
  }
});

test("the facilitator takes a named snapshot; everyone can download it in every format, and it does not change", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, { title: "Snapshots" });
  const bot = await connectParticipant(baseURL!, board);
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    bot.join("p-hal", "Hal", "#059669");
    bot.place("rlhf", "p-hal", 1.5, 0.5);
    await expect(host.page.locator("[data-dot]")).toHaveCount(1);
    await expect(guest.page.getByRole("textbox", { name: "Snapshot name" })).toHaveCount(0);
    await host.page.getByRole("textbox", { name: "Snapshot name" }).fill("Before the break");
    await host.page.getByRole("button", { name: "Take snapshot" }).click();
    const list = host.page.getByRole("list", { name: "Snapshots" });
    await expect(list).toContainText("Before the break");

    bot.place("rlhf", "p-hal", 2.5, 2.5);
    await guest.page.reload();
    const json = guest.page.getByRole("link", { name: "Download Before the break as JSON" });
    const downloading = guest.page.waitForEvent("download");
    await json.click();
    const file = (await import("node:fs")).readFileSync(await (await downloading).path(), "utf8");
    const snapshot = JSON.parse(file);
    expect(snapshot.items.find((i: { id: string }) => i.id === "rlhf").placements[0]).toMatchObject({ col: 1.5, row: 0.5 });
    for (const label of ["CSV", "Statistics CSV", "Markdown"]) {
      const href = await guest.page.getByRole("link", { name: `Download Before the break as ${label}` }).getAttribute("href");
      expect((await request.get(href!)).status()).toBe(200);
    }
  } finally {
    bot.close();
    await host.context.close();
    await guest.context.close();
  }
});

test("auto-reveal waits for someone else: a facilitator who places too and finishes with nobody else here keeps the round blind", async ({ browser, request, baseURL }) => {
  const board = await createBoard(request, {
    title: "Alone at the front",
    template: "blank",
    grid: { rows: [{ id: "r1", label: "High" }, { id: "r2", label: "Low" }], columns: [{ id: "c1", label: "Soon" }, { id: "c2", label: "Later" }] },
  });
  const host = await openAs(browser, board.links.facilitate, "Fay");
  const bot = await connectParticipant(baseURL!, board);
  try {
    // Ann joined earlier and has left: counted, not here.
    bot.join("p-ann", "Ann", "#2563eb");
    bot.addItem("beta", "Ship the beta", "p-ann");
    await placeToo(host.page, "Fay");
    await host.page.getByRole("button", { name: "Start a blind round" }).click();
    await host.page.getByRole("checkbox", { name: "Reveal when everyone here has placed everything" }).check();
    await host.page.getByRole("region", { name: "Your notes to place" }).getByRole("button", { name: /^Ship the beta/ }).focus();
    await host.page.keyboard.press("Enter");
    await host.page.keyboard.press("Enter");
    await expect.poll(() => bot.board().placements.length).toBe(1);
    // A later write from the same tab has arrived, so a reveal made on the placement would have too.
    await host.page.getByRole("toolbar", { name: "Facilitator controls" }).getByRole("button", { name: /Lock board/ }).click();
    await expect.poll(() => bot.board().meta.locked).toBe(true);
    expect(bot.board().meta.blind).toBe(true);
  } finally {
    bot.close();
    await host.context.close();
  }
});
