import { expect, test, type Page } from "@playwright/test";
import { TIMES_UP_SHOWN_MS } from "../../components/board/board-timer";
import { connectParticipant, createBoard, openAs } from "./support";

/** The facilitator's page, watching (the facilitator need not place anything to run the timer). */
async function openFacilitator(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole("status")).toHaveText("Live");
  return page.getByRole("group", { name: "Timer" });
}

test("the timer buttons draw a stopwatch, not an emoji that is an empty box without an emoji font", async ({ page, request }) => {
  const board = await createBoard(request, { title: "Icons" });
  const timer = await openFacilitator(page, board.links.facilitate);
  for (const minutes of [1, 3, 5, 10]) {
    const button = timer.getByRole("button", { name: `Start a ${minutes}-minute timer` });
    await expect(button).toHaveText(`${minutes} min`);
    await expect(button.locator('svg[aria-hidden="true"]')).toHaveCount(1);
  }
  await timer.getByRole("button", { name: "Start a 5-minute timer" }).click();
  await expect(timer.getByRole("button", { name: "+1 min" })).toBeVisible();
  expect(await timer.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
});

test("time's up is shown and announced for a minute, offers +1 min and Clear instead of Pause, then clears itself", async ({ browser, page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Time's up" });
  const host = await connectParticipant(baseURL!, board, "facilitator");
  const guest = await openAs(browser, board.links.join, "Gus");
  try {
    const controls = await openFacilitator(page, board.links.facilitate);
    // Ran out five seconds ago (the server is this machine, so its clock is ours).
    host.setMeta("timer", { endsAt: Date.now() - 5_000 });
    const shown = guest.page.getByRole("timer");
    await expect(shown).toHaveText("Time’s up");
    await expect(shown).toHaveAccessibleName("Time is up");
    await expect(guest.page.getByText("Time is up.", { exact: true })).toHaveCount(1);
    await expect(page.getByRole("timer")).toHaveText("Time’s up");
    await expect(controls.getByRole("button", { name: "Clear timer" })).toBeVisible();
    await expect(controls.getByRole("button", { name: "+1 min" })).toBeVisible();
    await expect(controls.getByRole("button", { name: "Pause timer" })).toHaveCount(0);

    // Past the minute it is shown for, it is gone from every screen, and a new timer is offered.
    host.setMeta("timer", { endsAt: Date.now() - TIMES_UP_SHOWN_MS - 5_000 });
    await expect(controls.getByRole("button", { name: "Start a 3-minute timer" })).toBeVisible();
    await expect(shown).toHaveCount(0);
    await expect(page.getByRole("timer")).toHaveCount(0);

    // The facilitator clears it sooner…
    host.setMeta("timer", { endsAt: Date.now() - 1_000 });
    await expect(shown).toHaveText("Time’s up");
    await controls.getByRole("button", { name: "Clear timer" }).click();
    await expect(shown).toHaveCount(0);
    await expect.poll(() => host.board().meta.timer).toBeNull();

    // …or gives the room another minute, counted from now.
    host.setMeta("timer", { endsAt: Date.now() - 1_000 });
    await expect(shown).toHaveText("Time’s up");
    await controls.getByRole("button", { name: "+1 min" }).click();
    await expect(shown).toHaveText(/^(1:00|0:5\d)$/);
    await expect(controls.getByRole("button", { name: "Pause timer" })).toBeVisible();
  } finally {
    host.close();
    await guest.context.close();
  }
});

test("a running timer turns into time's up on its own, and Pause gives way to Clear", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Countdown" });
  const host = await connectParticipant(baseURL!, board, "facilitator");
  try {
    const controls = await openFacilitator(page, board.links.facilitate);
    host.setMeta("timer", { endsAt: Date.now() + 3_000 });
    await expect(page.getByRole("timer")).toHaveText(/^0:0[1-3]$/);
    await expect(controls.getByRole("button", { name: "Pause timer" })).toBeVisible();
    await expect(page.getByRole("timer")).toHaveText("Time’s up");
    await expect(controls.getByRole("button", { name: "Clear timer" })).toBeVisible();
    await expect(controls.getByRole("button", { name: "Pause timer" })).toHaveCount(0);
  } finally {
    host.close();
  }
});

test("Pause and Resume are one button that turns over, so the keyboard stays on it", async ({ page, request, baseURL }) => {
  const board = await createBoard(request, { title: "Pause by keyboard" });
  const watcher = await connectParticipant(baseURL!, board);
  try {
    const controls = await openFacilitator(page, board.links.facilitate);
    await controls.getByRole("button", { name: "Start a 5-minute timer" }).click();
    await controls.getByRole("button", { name: "Pause timer" }).focus();
    await page.keyboard.press("Enter");
    await expect(controls.getByRole("button", { name: "Resume timer" })).toBeFocused();
    await expect.poll(() => watcher.board().meta.timer?.remainingMs).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    await expect(controls.getByRole("button", { name: "Pause timer" })).toBeFocused();
    await expect.poll(() => watcher.board().meta.timer?.remainingMs).toBeUndefined();
    await expect(page.getByRole("timer")).toHaveText(/^[45]:\d\d$/);
  } finally {
    watcher.close();
  }
});
