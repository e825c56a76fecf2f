import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support";

test("the home page explains Cruxboard and offers the form", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Cruxboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Defining alignment research")).toBeVisible();
  await expect(page.getByLabel("Board title")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Alignment research map" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Custom grid" })).not.toBeChecked();
  await expect(page.getByRole("link", { name: "Defining alignment research" })).toHaveAttribute("href", /alignmentforum\.org/);
  await expect(page.getByRole("button", { name: "Create board" })).toBeEnabled();
  await expectNoSeriousA11yViolations(page);
});

test("an API error is shown next to the field it names", async ({ page }) => {
  // The form cannot send an invalid title (maxLength, trimming), so the server's answer is stubbed.
  await page.route("**/api/boards", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({ error: "title: Too big: expected string to have <=120 characters", path: "title" }),
    }),
  );
  await page.goto("/");
  await page.getByLabel("Board title").fill("Anything");
  await page.getByRole("button", { name: "Create board" }).click();

  const field = page.getByLabel("Board title");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Too big: expected string to have <=120 characters/);
  await expect(field).toBeFocused();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "Create board" })).toBeEnabled();
});

test("an error without a known field is shown for the whole form", async ({ page }) => {
  await page.route("**/api/boards", (route) =>
    route.fulfill({ status: 413, contentType: "application/json", body: JSON.stringify({ error: "body is too large" }) }),
  );
  await page.goto("/");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("The board could not be created: body is too large");
});

test("an unknown path gets a 404 page that leads back", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("There is no page here");
  await page.getByRole("link", { name: "Go to the start page" }).click();
  await expect(page.getByRole("button", { name: "Create board" })).toBeVisible();
});

test("a snapshot file imported on the home page becomes a new board; a bad one is refused naming the path", async ({ page, request }) => {
  const source = (await (await request.post("/api/boards", { data: { title: "Exported session" } })).json()) as { id: string; keys: { viewer: string } };
  const snapshot = await (await request.get(`/api/boards/${source.id}/export?format=json&key=${source.keys.viewer}`)).json();

  await page.goto("/");
  const form = page.getByRole("form", { name: "Import a snapshot" });
  await form.getByLabel("Snapshot file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await form.getByRole("button", { name: "Import board" }).click();
  await expect(form.getByRole("alert")).toHaveText("That file is not JSON. Export a board as JSON and import that file.");

  const bad = { ...snapshot, items: [{ ...snapshot.items[0], text: "" }] };
  await form.getByLabel("Snapshot file").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await form.getByRole("button", { name: "Import board" }).click();
  await expect(form.getByRole("alert")).toContainText("items[0].text");
  await expect(page).toHaveURL(/\/$/);

  await form.getByLabel("Snapshot file").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 32) });
  await form.getByRole("button", { name: "Import board" }).click();
  await expect(form.getByRole("alert")).toContainText("up to 5 MB");

  await form.getByLabel("Snapshot file").setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(snapshot)) });
  await form.getByRole("button", { name: "Import board" }).click();
  await expect(page.getByRole("status")).toHaveText("Live");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Exported session");
  expect(new URL(page.url()).pathname).not.toBe(`/b/${source.id}`);
});
