import { describe, expect, it } from "vitest";
import { crossSiteProblem } from "./same-origin";

const req = (method: string, headers: Record<string, string>, url = "http://127.0.0.1:3000/api/targets") => new Request(url, { method, headers });

describe("crossSiteProblem", () => {
  it.each([
    ["POST from the hub's own page", "POST", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }],
    ["a non-browser client (no Origin, no Sec-Fetch-Site)", "POST", {}],
    ["DELETE behind a proxy that forwards host and scheme", "DELETE", { origin: "https://hub.example.org", "x-forwarded-host": "hub.example.org", "x-forwarded-proto": "https" }],
    ["a cross-site GET (reads are not mutations)", "GET", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }],
  ])("allows %s", (_what, method, headers) => {
    expect(crossSiteProblem(req(method, headers))).toBeNull();
  });

  it.each([
    ["a foreign Origin", "POST", { origin: "http://evil.example" }],
    ["a foreign Origin on DELETE", "DELETE", { origin: "http://evil.example" }],
    ["the same host on another port", "POST", { origin: "http://127.0.0.1:4000" }],
    ["another scheme", "POST", { origin: "https://127.0.0.1:3000" }],
    ["an opaque Origin (sandboxed frame, data: URL)", "POST", { origin: "null" }],
    ["Sec-Fetch-Site cross-site without Origin", "POST", { "sec-fetch-site": "cross-site" }],
    ["a sibling subdomain", "POST", { "sec-fetch-site": "same-site", origin: "http://other.127.0.0.1:3000" }],
  ])("refuses %s", (_what, method, headers) => {
    expect(crossSiteProblem(req(method, headers))).toMatch(/^cross-site request refused/);
  });

  it("accepts the configured public URL's origin", () => {
    const r = req("POST", { origin: "https://esm.example.org" }, "http://10.0.0.5:3000/api/rankings");
    expect(crossSiteProblem(r)).not.toBeNull();
    expect(crossSiteProblem(r, "https://esm.example.org/")).toBeNull();
  });
});
