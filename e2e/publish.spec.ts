import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FIXTURE_ESM, screenshot, signUp, uniqueName } from "./helpers";

// Accounts, tokens and the ESM upload lifecycle against the production build.

const config = readFileSync(path.join(FIXTURE_ESM, "config.json"));
const weights = readFileSync(path.join(FIXTURE_ESM, "model.safetensors"));

test("sign up, create a token, publish an ESM, find it, and delete it; others cannot", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const owner = uniqueName("alice");
  const marker = uniqueName("zebracard");
  const repoName = uniqueName("ESM_source_0_");
  const fullName = `${owner}/${repoName}`;

  await test.step("sign up and create a token that is shown once", async () => {
    await signUp(page, owner);
    await page.goto("/settings/tokens");
    await expect(page.getByText("No tokens yet. Create one above.")).toBeVisible();
    await page.getByLabel("Token name").fill("laptop");
    await page.getByLabel("Role").selectOption("write");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!.trim();
    expect(token.length).toBeGreaterThan(20);
    await expect(page.getByText("you won't see it again")).toBeVisible();
    await screenshot(page, "tokens");
    // The token works against the Hub API as this user.
    const who = await page.request.get("/api/whoami-v2", { headers: { authorization: `Bearer ${token}` } });
    expect(who.status()).toBe(200);
    expect((await who.json()).name).toBe(owner);
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(page.getByRole("cell", { name: "laptop", exact: true })).toBeVisible();
    await expect(page.getByText(`…${token.slice(-4)}`)).toBeVisible();
  });

  await test.step("upload an ESM with the form pre-filled from config.json", async () => {
    await page.goto("/new");
    await page.locator("#esm-files").setInputFiles([
      { name: "config.json", mimeType: "application/json", buffer: config },
      { name: "model.safetensors", mimeType: "application/octet-stream", buffer: weights },
    ]);
    await expect(page.getByLabel("Repository name")).toHaveValue("ESM_demo__source_0");
    await expect(page.getByText("D = 128")).toBeVisible();
    await expect(page.getByLabel("Language")).toHaveValue("en");
    await page.getByLabel("Repository name").fill(repoName);
    await page.getByLabel("Task type").selectOption("classification");
    const card = page.getByLabel("Model card (README.md)");
    await expect(card).toHaveValue(/demo\/source_0/);
    // A hostile card: none of this may run when the page renders it.
    await card.fill(`---\nlicense: apache-2.0\n---\n# Source zero\n\nSearch marker ${marker}.\n\n<script>window.__pwned = 1</script>\n<img src=x onerror="window.__pwned = 2">\n\n[click](javascript:window.__pwned=3)\n`);
    await screenshot(page, "upload-form");
    await page.getByRole("button", { name: "Publish ESM" }).click();
    await page.waitForURL(`**/${fullName}`);
  });

  await test.step("the ESM page shows the card safely, the metadata and the files", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toContainText(repoName);
    await expect(page.getByRole("heading", { name: "Source zero" })).toBeVisible();
    await expect(page.getByText(`Search marker ${marker}.`)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("a[href^='javascript:']").count()).toBe(0);
    await expect(page.getByText("synthetic demo weights — not trained")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "demo/source_0" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "classification" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Download model.safetensors" })).toBeVisible();
    await screenshot(page, "esm-uploaded");
  });

  await test.step("it is found by full-text search over its card", async () => {
    await page.goto(`/esms?q=${marker}`);
    await expect(page.getByText(`1 ESM matching`)).toBeVisible();
    await expect(page.getByRole("link", { name: fullName })).toBeVisible();
  });

  await test.step("another user gets a 403 page and no way to delete it", async () => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signUp(otherPage, uniqueName("mallory"));
    await otherPage.goto(`/${fullName}`);
    await expect(otherPage.getByRole("link", { name: "Edit card / settings" })).toHaveCount(0);
    const forbiddenPage = await otherPage.goto(`/${fullName}/edit`);
    expect(forbiddenPage?.status()).toBe(403);
    await expect(otherPage.getByRole("heading", { name: "You can't change this repo" })).toBeVisible();
    await expect(otherPage.getByRole("button", { name: "Delete this ESM" })).toHaveCount(0);
    await screenshot(otherPage, "forbidden");
    // Uploading into someone else's namespace is impossible: the route always uses the session's own name.
    const refused = await otherPage.request.post("/api/upload", { multipart: { name: `../${repoName}`, message: "x" } });
    expect(refused.status()).toBe(400);
    await other.close();
    expect((await page.request.get(`/${fullName}`)).status()).toBe(200);
  });

  await test.step("the owner edits the card and deletes the ESM after confirming", async () => {
    await page.goto(`/${fullName}/edit`);
    await page.getByLabel(/README\.md/).fill(`# Renamed card\n\nStill ${marker}.\n`);
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await page.goto(`/${fullName}`);
    await expect(page.getByRole("heading", { name: "Renamed card" })).toBeVisible();
    await expect(page.getByText("3 commits")).toBeVisible();

    await page.goto(`/${fullName}/edit`);
    const del = page.getByRole("button", { name: "Delete this ESM" });
    await expect(del).toBeDisabled();
    await page.getByLabel(/to confirm/).fill(fullName);
    await del.click();
    await page.waitForURL(`**/${owner}?deleted=*`);
    await expect(page.getByText(`Deleted ${fullName}.`)).toBeVisible();
    expect((await page.request.get(`/${fullName}`)).status()).toBe(404);
    await page.goto(`/esms?q=${marker}`);
    await expect(page.getByRole("heading", { name: `No ESMs match “${marker}”` })).toBeVisible();
  });
});

test("a broken upload shows the validation message and stores nothing", async ({ page }) => {
  const owner = uniqueName("bob");
  await signUp(page, owner);
  await page.goto("/new");

  // Truncated weights: refused in the browser before anything is sent.
  await page.locator("#esm-files").setInputFiles([
    { name: "config.json", mimeType: "application/json", buffer: config },
    { name: "model.safetensors", mimeType: "application/octet-stream", buffer: weights.subarray(0, 200) },
  ]);
  const alert = page.getByRole("alert").filter({ hasText: "valid ESM" });
  await expect(alert).toContainText("This is not a valid ESM yet. Nothing has been uploaded.");
  await expect(alert).toContainText("model.safetensors");
  await expect(page.getByRole("button", { name: "Publish ESM" })).toBeDisabled();
  await screenshot(page, "upload-invalid");

  // A config whose D disagrees with its base model (bert-tiny has 128): refused in the browser…
  const wrongDim = Buffer.from(JSON.stringify({ ...JSON.parse(config.toString()), base_model_name: "google-bert/bert-base-uncased", esm_embedding_dim: 128 }));
  await page.locator("#esm-files").setInputFiles([
    { name: "config.json", mimeType: "application/json", buffer: wrongDim },
    { name: "model.safetensors", mimeType: "application/octet-stream", buffer: weights },
  ]);
  await expect(alert).toContainText("hidden size 768");

  // …and by the server, for clients that skip the browser check (first without weights at all). Nothing is created.
  const response = await page.request.post("/api/upload", {
    multipart: {
      name: "broken",
      message: "upload",
      files: { name: "config.json", mimeType: "application/json", buffer: wrongDim },
    },
  });
  expect(response.status()).toBe(400);
  expect((await page.request.get(`/${owner}/broken`)).status()).toBe(404);

  const form = new FormData();
  form.set("name", "broken");
  form.append("files", new Blob([wrongDim]), "config.json");
  form.append("files", new Blob([weights]), "model.safetensors");
  const server = await page.request.fetch("/api/upload", { method: "POST", multipart: form });
  expect(server.status()).toBe(400);
  const body = await server.json();
  expect(body.problems.join(" ")).toContain("hidden size 768");
  expect((await page.request.get(`/${owner}/broken`)).status()).toBe(404);
  await page.goto(`/${owner}`);
  await expect(page.getByText("You have not published an ESM yet")).toBeVisible();
});

test("signed-out visitors are sent to sign in, and come back afterwards", async ({ page }) => {
  await page.goto("/new");
  await page.waitForURL(/\/signin\?callbackUrl=%2Fnew/);
  await screenshot(page, "signin");
  await page.getByLabel("User name").fill("nobody-at-all");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong user name or password.");
  expect((await page.request.post("/api/upload", { multipart: { name: "x" } })).status()).toBe(401);
});
