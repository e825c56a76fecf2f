import { expect as baseExpect, test } from "@playwright/test";
import { createBoard, openAs } from "./support";

const expect = baseExpect.configure({ timeout: 30_000 });

/*
 * A seat the board no longer knows (its store was restored from before the seat was taken) writes
 * nothing. The page lets it go and joins again, instead of having every change refused.
 */
test("a seat the board does not know is let go, and the person joins again", async ({ browser, request }) => {
  const board = await createBoard(request, { title: "Restored" });
  const ada = await openAs(browser, board.links.join, "Ada");
  try {
    const { page } = ada;
    const first = await ada.participantId();
    // As if the store forgot the seat: the same person, with a secret the board never handed out.
    await page.evaluate(({ id, participant }) => localStorage.setItem(`cruxboard:seat:${id}`, JSON.stringify({ participant, seat: "Z".repeat(24) })), {
      id: board.id,
      participant: first,
    });
    await page.reload();
    await expect(page.getByRole("status")).toHaveText("Live");
    const tray = page.getByRole("region", { name: "Your notes to place" });
    await tray.getByRole("button", { name: /^RLHF/ }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    // The refused placement goes back and the page joins again; the board still has the earlier Ada, so it asks.
    await expect(page.getByText("Someone here is already called Ada.")).toBeVisible();
    // The suggestion joins under it at once.
    await page.getByRole("button", { name: "Use “Ada B.”" }).click();
    await expect.poll(() => ada.participantId()).not.toBe(first);
    await expect(page.getByRole("status")).toHaveText("Live");
    await expect(page.getByRole("region", { name: "Your notes to place" })).toBeVisible();
    const seat = await page.evaluate((id) => localStorage.getItem(`cruxboard:seat:${id}`), board.id);
    expect(seat).not.toContain("Z".repeat(24));
  } finally {
    await ada.context.close();
  }
});
