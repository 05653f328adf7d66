import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitFiles, createRepo } from "../registry";
import { createUserWithToken, startTestHub, type TestHub } from "./testing";

/**
 * `tree?recursive=1&expand=1` on a repo of 2,400 files in 50 folders and 54 commits: paged, every entry with the
 * commit that last changed it (the listing once took 23 s with every other request waiting).
 */
const FILES = 2400;
const COMMITS = 54;
let hub: TestHub;
let token: string;
/** Path → id of the last commit that wrote it. */
const lastWrite = new Map<string, string>();

beforeAll(async () => {
  hub = await startTestHub();
  const alice = await createUserWithToken(hub.registry.db, "alice", "write");
  token = alice.token;
  await createRepo(hub.registry, alice.actor, { kind: "dataset", name: "big" });
  const enc = (s: string) => new TextEncoder().encode(s);
  const first = Array.from({ length: FILES }, (_, i) => ({ path: `d${i % 50}/f${i}.txt`, content: enc(`file ${i} v0`) }));
  let c = await commitFiles(hub.registry, alice.actor, { kind: "dataset", repo: "alice/big", message: "add 2400 files", files: first });
  for (const f of first) lastWrite.set(f.path, c.commitId);
  for (let k = 1; k < COMMITS; k++) {
    // Each later commit rewrites a few files of one folder.
    const files = [0, 1, 2].map((j) => ({ path: `d${k % 50}/f${(k % 50) + 50 * j}.txt`, content: enc(`v${k}`) }));
    c = await commitFiles(hub.registry, alice.actor, { kind: "dataset", repo: "alice/big", message: `edit ${k}`, files });
    for (const f of files) lastWrite.set(f.path, c.commitId);
  }
}, 300_000);

afterAll(async () => {
  await hub?.close();
});

describe("large trees", () => {
  it("pages a recursive, expanded listing and names each entry's last commit", async () => {
    const commits = await hub.registry.db.commit.findMany({ where: { repo: { fullName: "alice/big" } }, orderBy: { createdAt: "asc" }, select: { id: true } });
    const order = commits.map((x) => x.id);
    let url: string | null = `${hub.url}/api/datasets/alice/big/tree/main?recursive=1&expand=1`;
    const entries: { path: string; type: string; lastCommit?: { id: string } }[] = [];
    let pages = 0;
    const started = performance.now();
    while (url) {
      const res: Response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as typeof entries;
      expect(page.length).toBeLessThanOrEqual(100);
      entries.push(...page);
      pages++;
      url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;
    }
    console.log(`tree?recursive=1&expand=1: ${entries.length} entries in ${pages} pages, ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(entries).toHaveLength(FILES + 1 + 50); // files, .gitattributes, folders
    expect(new Set(entries.map((e) => e.path)).size).toBe(entries.length);
    for (const e of entries.filter((x) => x.type === "file" && lastWrite.has(x.path))) expect(e.lastCommit?.id, e.path).toBe(lastWrite.get(e.path));
    for (const e of entries.filter((x) => x.type === "directory")) {
      const inside = [...lastWrite].filter(([p]) => p.startsWith(e.path + "/")).map(([, id]) => id);
      const expected = inside.reduce((a, b) => (order.indexOf(a) > order.indexOf(b) ? a : b));
      expect(e.lastCommit?.id, e.path).toBe(expected);
    }
  }, 120_000);

  it("pages a plain listing by 1,000", async () => {
    const res = await fetch(`${hub.url}/api/datasets/alice/big/tree/main?recursive=1`);
    expect((await res.json()).length).toBe(1000);
    expect(res.headers.get("link")).toMatch(/cursor=1000>; rel="next"$/);
    const bad = await fetch(`${hub.url}/api/datasets/alice/big/tree/main?cursor=1e9`);
    expect(bad.status).toBe(400);
  });
});
