import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Workers re-evaluate this file: the data folder and port are chosen once and handed down through the environment.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "esmhub-e2e-"));
process.env.E2E_PORT ??= "3100";
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The production build (`next build` first): npm start migrates, seeds the demo registry and serves on PORT.
    command: "npm start",
    url: `${baseURL}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      ESMHUB_HOST: "127.0.0.1",
      ESMHUB_DATA_DIR: process.env.E2E_DATA_DIR,
      // A fresh SQLite database and local blobs inside the data folder, whatever the calling shell has set.
      DATABASE_URL: "",
      S3_ENDPOINT: "",
      S3_BUCKET: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
