import { expect, test } from "@playwright/test";
import { connectParticipant, createBoard, openAs } from "./support";
import { shotPath } from "./shots";


const PEOPLE = [
  { id: "p-ada", name: "Ada", color: "#2563eb" },
  { id: "p-bo", name: "Bo", color: "#db2777" },
  { id: "p-cy", name: "Cy", color: "#059669" },
];

test("screenshots of the item's numbers, their definitions and a focus, for docs/screenshots", async ({ browser, page, request, baseURL }) => {
  test.setTimeout(120_000);
  const board = await createBoard(request, { title: "Reading group: Defining alignment research" });
  const bot = await connectParticipant(baseURL!, board);
  const phone = await openAs(browser, board.links.join, "Pia", { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    for (const p of PEOPLE) bot.join(p.id, p.name, p.color);
    // Three people, three cells: no common cell.
    bot.place("rlhf", "p-ada", 0.6, 0.4);
    bot.place("rlhf", "p-bo", 1.5, 0.6);
    bot.place("rlhf", "p-cy", 2.4, 2.5);
    bot.place("scaling", "p-ada", 0.3, 0.4);
    bot.place("scaling", "p-bo", 0.6, 0.3);
    bot.place("scaling", "p-cy", 1.4, 0.7);
    bot.place("ai-control", "p-ada", 2.6, 1.5);
    bot.place("ai-control", "p-bo", 2.2, 1.2);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(board.links.facilitate);
    await page.getByRole("list", { name: "Most contested" }).getByRole("button", { name: /^RLHF/ }).click();
    const detail = page.getByRole("region", { name: "RLHF" });
    await detail.getByText("How these are computed").click();
    await expect(detail.getByRole("group")).toContainText("√(mean |pᵢ − c|²)");
    await detail.getByRole("button", { name: "Focus everyone here" }).click();
    await expect(phone.page.getByRole("region", { name: "Facilitator focus" })).toBeInViewport();
    await page.mouse.move(1, 1);
    await detail.screenshot({ path: shotPath("item-numbers-desktop.png", true) });
    await page.screenshot({ path: shotPath("focus-desktop.png", true) });
    await phone.page.screenshot({ path: shotPath("focus-phone.png", true) });
  } finally {
    bot.close();
    await phone.context.close();
  }
});
