import { describe, expect, it } from "vitest";
import { cardHtml } from "./card-html";
import { renderCardHtml } from "./render-html";

describe("model card rendering", () => {
  it("renders GitHub-flavoured Markdown with the headings one level down", () => {
    const html = renderCardHtml("# Title\n\n## Usage\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ and `code`");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<h3>Usage</h3>");
    expect(html).toContain("<table>");
    expect(html).toContain("<del>old</del>");
    expect(html).toContain("<code>code</code>");
  });

  it.each([
    ["raw script", "<script>alert(1)</script>", /<script/i],
    ["an event attribute in raw HTML", '<img src="x" onerror="alert(1)">', /onerror/i],
    ["a javascript: link", "[click](javascript:alert(1))", /javascript:/i],
    ["a javascript: image", "![x](javascript:alert(1))", /javascript:/i],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["a style tag", "<style>body{display:none}</style>", /<style/i],
    ["a data: URL link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", /href="data:/i],
  ])("drops %s", (_what, source, forbidden) => {
    expect(renderCardHtml(source)).not.toMatch(forbidden);
  });

  it("renders a hostile card in a thread with a time limit while this thread keeps serving", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = performance.now();
    const result = await cardHtml("[".repeat(128 * 1024) + "]".repeat(128 * 1024), 800);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("longer than 0.8 s") });
    // The event loop ran the interval throughout: the parse happened elsewhere.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 20 / 4));
    // The outcome is kept: the same card is not parsed again.
    expect(await cardHtml("[".repeat(128 * 1024) + "]".repeat(128 * 1024), 800)).toBe(result);
  });

  it("renders an ordinary card in a thread and caches it", async () => {
    const first = await cardHtml("# An ESM\n\nTrained on **IMDB**.");
    expect(first).toEqual({ ok: true, html: expect.stringContaining("<strong>IMDB</strong>") });
    expect(await cardHtml("# An ESM\n\nTrained on **IMDB**.")).toBe(first);
  });
});
