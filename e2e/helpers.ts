import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

export const PASSWORD = "correct horse battery";

/** A user name no earlier run has taken (the data folder may be reused between local runs). */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export async function signUp(page: Page, name: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
  await expect(page.locator("header summary", { hasText: name })).toBeVisible();
}

/** Full-page screenshots for people to look at; test-results/ is git-ignored. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(process.cwd(), "test-results", "screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

export const FIXTURE_ESM = path.join(process.cwd(), "fixtures", "esm-logme", "esms", "ESM_source_0");
