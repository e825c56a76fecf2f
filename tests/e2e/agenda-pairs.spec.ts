import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { CreatedBoard } from "../../lib/api/schemas";
import { connectParticipant, createBoard, expectNoSeriousA11yViolations, openAs } from "./support";

const SHOTS = "/tmp/agenda-pairs";
fs.mkdirSync(SHOTS, { recursive: true });

/** The facilitator's page, running the board without placing, in the tab that created it (it holds the board's links). */
async function openFacilitator(page: Page, board: CreatedBoard) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  await page.evaluate((b) => sessionStorage.setItem(`cruxboard:links:${b.id}`, JSON.stringify(b.links)), board);
  await page.goto(board.links.facilitate);
  await expect(page.getByRole("status")).toHaveText("Live");
  return page.getByRole("region", { name: "Agenda" });
}

test("Discuss next moves everyone's focus down the agenda, starting the timer when asked; Back returns", async ({ browser, page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Agenda", template: "alignment" });
  const host = await connectParticipant(baseURL!, board, "facilitator");
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    // Four people in two camps on RLHF (split), scattered on Scaling: RLHF leads "Split first", Scaling "Most contested".
    for (const [i, id] of ["p1", "p2", "p3", "p4"].entries()) host.join(id, `Person ${i + 1}`, "#2563eb");
    const camps = [
      [0.5, 0.5],
      [0.6, 0.5],
      [2.5, 2.5],
      [2.4, 2.5],
    ];
    const scattered = [
      [0.1, 0.1],
      [2.9, 0.1],
      [0.1, 2.9],
      [2.9, 2.9],
    ];
    ["p1", "p2", "p3", "p4"].forEach((id, i) => {
      host.place("rlhf", id, camps[i]![0]!, camps[i]![1]!);
      host.place("scaling", id, scattered[i]![0]!, scattered[i]![1]!);
    });
    const agenda = await openFacilitator(page, board);
    const list = agenda.getByRole("list", { name: "Agenda" });
    // The ordered list is behind the agenda's disclosure; the next step is on its one row.
    await expect(list).toBeHidden();
    const disclosure = agenda.getByRole("button", { name: "Agenda (0 of 9 discussed)" });
    await expect(disclosure).toHaveAttribute("aria-expanded", "false");
    await expect(agenda).toContainText("Up next: “RLHF”.");
    await disclosure.click();
    await expect(disclosure).toHaveAttribute("aria-expanded", "true");
    await expect(list.getByRole("listitem").first()).toContainText("RLHF");
    await expect(list.getByRole("listitem").first()).toContainText("two camps (2 vs 2)");
    await agenda.getByRole("button", { name: "Most contested" }).click();
    await expect(list.getByRole("listitem").first()).toContainText("Scaling");
    await expect(list.getByRole("listitem").first()).toContainText("scattered · spread");
    await agenda.getByRole("button", { name: "Split first" }).click();

    // Without the timer, from the keyboard: the focus alone moves, on the participant's screen too.
    await agenda.getByRole("button", { name: "Discuss next" }).focus();
    await page.keyboard.press("Enter");
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toContainText("The facilitator is focusing on RLHF");
    await expect(guest.page.getByRole("timer")).toHaveCount(0);
    await expect(list.locator("button[aria-current=\"true\"]")).toContainText("RLHF");
    // RLHF is under discussion, not yet discussed.
    await expect(agenda).toContainText("0 of 9 discussed");

    // With it: the next item, and a three-minute timer on every screen.
    await agenda.getByRole("checkbox", { name: "Start the timer" }).check();
    await agenda.getByRole("combobox", { name: "Timer length" }).selectOption("3");
    await agenda.getByRole("button", { name: "Discuss next" }).click();
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toContainText("The facilitator is focusing on Scaling");
    await expect(guest.page.getByRole("timer")).toHaveText(/^(3:00|2:5\d)$/);
    // The time left also stands beside the item in the focus bar, which stays where everyone is looking.
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toContainText(/(3:00|2:5\d) left/);
    await expect.poll(() => host.board().meta.discussed).toEqual(["rlhf", "scaling"]);
    await expect(list.getByRole("button", { name: /RLHF.*discussed/ })).toBeVisible();
    await expect(agenda).toContainText("1 of 9 discussed");
    await page.getByRole("region", { name: "Agenda" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/agenda-desktop.png` });

    // Back: Scaling is unticked and the focus is RLHF again.
    await agenda.getByRole("button", { name: "Back" }).click();
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toContainText("The facilitator is focusing on RLHF");
    await expect.poll(() => host.board().meta.discussed).toEqual(["rlhf"]);

    // Clicking an item takes it up; once every item is, the agenda says so.
    for (const item of host.board().items) if (item.id !== "rlhf") await list.getByRole("button", { name: new RegExp(`^${item.text}`) }).click();
    await expect(agenda).toContainText("All 9 items have been taken up. Now discussing “Agent foundations”.");
    await expect(agenda.getByRole("button", { name: "Discuss next" })).toHaveCount(0);
    await agenda.getByRole("button", { name: "End the discussion" }).click();
    await expect(guest.page.getByRole("region", { name: "Facilitator focus" })).toHaveCount(0);
    await expect(agenda).toContainText("All 9 items discussed.");
    await expect(agenda).toContainText("9 of 9 discussed");
    await expect(agenda.getByRole("button", { name: "Discuss next" })).toBeDisabled();
    await page.setViewportSize({ width: 390, height: 844 });
    await agenda.screenshot({ path: `${SHOTS}/agenda-phone.png` });
  } finally {
    host.close();
    await guest.context.close();
  }
});

test("Pair up shows each participant their partner and items; pairs download as Markdown and clear", async ({ browser, page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Pairs", template: "alignment" });
  const host = await connectParticipant(baseURL!, board, "facilitator");
  const ada = await openAs(browser, board.links.join, "Ada", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const others = [];
  for (const name of ["Bob", "Cy", "Di"]) others.push(await openAs(browser, board.links.join, name));
  const [bob, cy, di] = others as [(typeof others)[number], (typeof others)[number], (typeof others)[number]];
  try {
    const ids = await Promise.all([ada, bob, cy, di].map((p) => p.participantId()));
    const [adaId, bobId, cyId, diId] = ids as [string, string, string, string];
    // Ada and Bob near the top-left, Cy and Di near the bottom-right: Ada–Cy are furthest apart (2.83 cells), then Bob–Di (2.12).
    const spots: Record<string, [number, number]> = { [adaId]: [0.5, 0.5], [bobId]: [1.0, 0.5], [cyId]: [2.5, 2.5], [diId]: [2.5, 2.0] };
    for (const id of ids) for (const item of ["rlhf", "scaling", "adversarial-robustness", "scalable-oversight"]) host.place(item, id, ...spots[id]!);
    host.setMeta("blind", true);

    await openFacilitator(page, board);
    const panel = page.getByRole("region", { name: "Pairs", exact: true });
    await expect(panel).toContainText("4 people here");
    // Before the reveal the agenda does not offer an order it cannot know yet.
    await expect(page.getByRole("region", { name: "Agenda" })).toContainText("Placements are hidden in this blind round");
    await expect(panel.getByRole("button", { name: "Pair up" })).toBeDisabled();
    await expect(panel.getByRole("button", { name: "Pair up" })).toHaveAccessibleDescription(/waits until you reveal the placements/);
    // It stays in the tab order, so the keyboard reaches it and hears why; pressing it does nothing yet.
    await panel.getByRole("button", { name: "Pair up" }).focus();
    await expect(panel.getByRole("button", { name: "Pair up" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(panel.getByRole("list", { name: "Pairs" })).toHaveCount(0);
    expect(host.board().meta.pairs ?? null).toBeNull();
    await page.getByRole("button", { name: "Reveal placements" }).click();
    await panel.getByRole("button", { name: "Pair up" }).click();

    // Across the camps: Ada with Cy, Bob with Di, each with three of the four items they placed apart (equally far: the board's order).
    const card = (p: Page) => p.getByRole("region", { name: "Your partner" });
    await expect(card(ada.page)).toContainText("Your partner: Cy — talk about: Scaling, RLHF, Adversarial robustness");
    await expect(card(cy.page)).toContainText("Your partner: Ada — talk about:");
    await expect(card(bob.page)).toContainText("Your partner: Di — talk about: Scaling, RLHF, Adversarial robustness");
    await expect(card(di.page)).toContainText("Your partner: Bob");
    // The groups wait behind "2 pairs"; the grid stays on the facilitator's first screen, under the folded invite and the two rows of tools.
    await expect(page.getByRole("button", { name: "Invite people" })).toHaveAttribute("aria-expanded", "false");
    await expect(panel.getByRole("list", { name: "Pairs" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Copy participant link" })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    const gridTop = await page.getByRole("region", { name: "The grid" }).evaluate((grid) => grid.getBoundingClientRect().top + window.scrollY);
    expect(gridTop).toBeLessThan(800);
    await page.screenshot({ path: `${SHOTS}/facilitator-first-screen.png` });
    // The folded invite opens again from the keyboard, which stays on its toggle; so does folding it.
    const invite = page.getByRole("button", { name: "Invite people" });
    await invite.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Participant link" })).toBeVisible();
    await expect(invite).toBeFocused();
    await expect(invite).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Participant link" })).toHaveCount(0);
    await expect(invite).toBeFocused();
    await panel.getByRole("button", { name: "2 pairs" }).click();
    const groups = panel.getByRole("list", { name: "Pairs" }).getByRole("listitem").filter({ has: page.getByRole("list") });
    await expect(groups).toHaveCount(2);
    await expect(groups.first()).toContainText("Ada and Cy");
    await expect(groups.first()).toContainText("cells apart");
    await expect(groups.nth(1)).toContainText("Bob and Di");
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/pairs-desktop.png` });
    await ada.page.screenshot({ path: `${SHOTS}/partner-phone.png` });
    await expectNoSeriousA11yViolations(page);
    await expectNoSeriousA11yViolations(ada.page);

    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download pairs (Markdown)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pairs-round-1-pairs-\d{4}-\d\d-\d\d\.md$/);
    const markdown = fs.readFileSync(await download.path(), "utf8");
    expect(markdown).toContain("# Pairs: Pairs");
    expect(markdown).toContain("## 1. Ada and Cy");
    expect(markdown).toContain("## 2. Bob and Di");

    // On an anonymous board everyone sees the pseudonyms the board shows, by order of joining.
    await page.getByRole("button", { name: "Anonymous names" }).click();
    await expect(card(ada.page)).toContainText("Your partner: Participant 3 — talk about:");
    await expect(groups.first()).toContainText("Participant 1 and Participant 3");

    await panel.getByRole("button", { name: "Clear pairs" }).click();
    await expect(card(ada.page)).toHaveCount(0);
    await expect(card(bob.page)).toHaveCount(0);
    await expect.poll(() => host.board().meta.pairs).toBeNull();
  } finally {
    host.close();
    for (const p of [ada, ...others]) await p.context.close();
  }
});
