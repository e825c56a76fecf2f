import path from "node:path";
import { expect, test } from "@playwright/test";
import { connectParticipant, createBoard, openAs } from "./support";

// Test runs write to test-results; `SCREENSHOTS=docs npm run test:e2e` refreshes the committed ones.
const OUT = path.resolve(process.env.SCREENSHOTS === "docs" ? "docs/screenshots" : "test-results/screenshots");

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
    await detail.screenshot({ path: path.join(OUT, "item-numbers-desktop.png") });
    await page.screenshot({ path: path.join(OUT, "focus-desktop.png") });
    await phone.page.screenshot({ path: path.join(OUT, "focus-phone.png") });
  } finally {
    bot.close();
    await phone.context.close();
  }
});
