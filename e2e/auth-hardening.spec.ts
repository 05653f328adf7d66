import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signUp, uniqueName } from "./helpers";

/** Every Content-Security-Policy violation the page reports: the site must work under its own policy. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) seen.push(msg.text());
  });
  return seen;
}

test("a weak password is refused with the reason, and the typed passwords stay", async ({ page }) => {
  const violations = cspViolations(page);
  const name = uniqueName("weakpw"); // always over 10 characters
  await page.goto("/signup");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill("password123");
  await page.getByLabel("Repeat password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText("this password is one of the most common ones; choose another");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("password123");
  await expect(page.getByLabel("Repeat password")).toHaveValue("password123");

  await page.getByLabel("Password", { exact: true }).fill(name);
  await page.getByLabel("Repeat password").fill(name);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText("password must not be your user name");
  expect(violations).toEqual([]);
});

test("user names are unique ignoring case, and sign-in ignores case", async ({ page, browser }) => {
  const name = uniqueName("CaseUser");
  await signUp(page, name);
  const other = await browser.newPage();
  await other.goto("/signup");
  await other.getByLabel("User name").fill(name.toLowerCase());
  await other.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await other.getByLabel("Repeat password").fill(PASSWORD);
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.locator("#username-error")).toHaveText(`the user name "${name.toLowerCase()}" is taken`);

  await other.goto("/signin");
  await other.getByLabel("User name").fill(name.toUpperCase());
  await other.getByLabel("Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.locator("header summary", { hasText: name })).toBeVisible();
  await other.close();
});

test("sign-out ends the session: a cookie copied before no longer authenticates", async ({ page, browser, baseURL }) => {
  const violations = cspViolations(page);
  const name = uniqueName("signout");
  await signUp(page, name);
  const copied = (await page.context().cookies()).filter((c) => c.name.includes("session-token"));
  expect(copied).toHaveLength(1);

  // The copy works while the session lasts.
  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/settings/tokens");
  await expect(stolen).toHaveURL(/\/settings\/tokens$/);

  await page.locator("header summary", { hasText: name }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const replay = await browser.newContext({ baseURL });
  await replay.addCookies(copied);
  const again = await replay.newPage();
  await again.goto("/settings/tokens");
  await expect(again).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Ftokens/);
  expect(await (await replay.request.get("/api/auth/session")).json()).toBeNull();
  await thief.close();
  await replay.close();
  expect(violations).toEqual([]);
});

test("repeated wrong passwords lock the account for a while, with a clear message", async ({ page }) => {
  const name = uniqueName("locked");
  const attempt = async (password: string) => {
    await page.goto("/signin"); // a fresh form each time, so the message seen is this attempt's
    await page.getByLabel("User name").fill(name);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return page.locator("form [role=alert]");
  };
  for (let i = 0; i < 10; i++) await expect(await attempt(`wrong password ${i}`)).toHaveText("Wrong user name or password.");
  await expect(await attempt("wrong password again")).toHaveText("Too many failed sign-ins for this account or network. Try again in 15 minutes.");
});

test("security headers on pages and API responses", async ({ request }) => {
  for (const path of ["/", "/signin", "/api/auth/session"]) {
    const response = await request.get(path);
    expect(response.ok(), path).toBe(true);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toMatch(/script-src 'self'/);
    expect(headers["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["permissions-policy"], path).toContain("camera=()");
  }
});
