import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { screenshot } from "./helpers";

// Browsing the demo registry that `npm start` seeds into a fresh data folder.

test("search and facet, open an ESM, download a file", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /intermediate dataset/ })).toBeVisible();
  await screenshot(page, "home");

  await page.getByRole("search").first().getByRole("searchbox").fill("afinn");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/esms\?q=afinn/);
  const summary = page.getByText(/\d+ ESMs? matching/);
  await expect(summary).toContainText("“afinn”");
  const results = page.getByRole("region", { name: "Results" }).getByRole("listitem");
  await expect(results.first()).toBeVisible();
  const unfiltered = await results.count();

  // Facet counts agree with the list: clicking "regression" shows exactly that many rows (all on one page here).
  const facet = page.getByRole("complementary", { name: "Filters" }).locator("a[href*='task_type=regression']").last();
  const facetCount = Number((await facet.locator("span").last().textContent())?.replace(/,/g, ""));
  await facet.click();
  await page.waitForURL(/task_type=regression/);
  await expect(page.getByRole("link", { name: /Remove filter task type: regression/ })).toBeVisible();
  await expect(results).toHaveCount(facetCount);
  expect(facetCount).toBeLessThanOrEqual(unfiltered);
  for (const row of await results.all()) await expect(row.getByText("regression", { exact: true })).toBeVisible();
  // The URL holds the whole search, so reloading it gives the same page.
  await page.reload();
  await expect(results).toHaveCount(facetCount);
  await screenshot(page, "esms-search");

  await results.first().getByRole("link").first().click();
  await expect(page.locator("h1")).toContainText("afinn");
  await expect(page.getByText("synthetic demo weights — not trained").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Metadata (config.json)" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "TypeScript" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toContainText("hubUrl");
  await screenshot(page, "esm");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download config.json" }).click()]);
  const config = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(config.task_id).toContain("afinn");
  expect(config.esm_architecture).toBe("linear");

  // The metadata table links to the source dataset's page, which lists this ESM.
  const esmId = (await page.getByRole("heading", { level: 1 }).textContent())!.replace(/\s/g, "");
  await page.getByRole("link", { name: config.task_id }).first().click();
  await expect(page.getByRole("heading", { name: "ESMs trained on this dataset" })).toBeVisible();
  await expect(page.getByRole("link", { name: esmId })).toBeVisible();
  await screenshot(page, "dataset-source");
});

test("dataset index and an uploaded target's preview", async ({ page }) => {
  await page.goto("/datasets?kind=target");
  const target = page.getByRole("link", { name: "esmhub-demo/sms-spam-target" });
  await expect(target).toBeVisible();
  await target.click();
  await expect(page.getByRole("heading", { name: "esmhub-demo/sms-spam-target" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Preview/ })).toContainText("rows");
  await expect(page.getByRole("heading", { name: "Columns" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Rank my target" })).toBeVisible();
  await screenshot(page, "dataset-target");
});

test("empty search says what to do, and bad URL values do not break the page", async ({ page }) => {
  await page.goto("/esms?q=zzzznotathing&dim=banana&page=-4&sort=sideways");
  await expect(page.getByRole("heading", { name: "No ESMs match “zzzznotathing”" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Clear search" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Publish an ESM" })).toBeVisible();
  const missing = await page.goto("/nobody-here/nothing-here");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});

test("dark mode follows the system and small screens do not scroll sideways", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const path of ["/", "/esms", "/datasets", "/esmhub-demo/ESM_esmhub-demo__afinn-165_default"]) {
    await page.goto(path);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe("rgb(255, 255, 255)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, `mobile-dark${path === "/" ? "-home" : path.split("/").slice(0, 2).join("-")}`);
  }
  await context.close();
});
