import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { LoginLimits } from "../auth/login-throttle";
import type { Db } from "../db";
import { migrate } from "../migrate";
import { registryBackends as backends } from "./test-backends";
import { authenticatePassword, bumpSessionVersion, createUser, sessionIsCurrent, userNameTaken } from "./users";

const PASSWORD = "correct horse battery";
const limits: LoginLimits = { maxPerAccount: 10, maxPerIp: 50, windowMs: 900_000 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe.each(backends)("users on $name", (backend) => {
  let dir: string;
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "esmhub-users-"));
    ({ ctx: { db }, close } = await backend.open(dir));
    await createUser(db, { name: "UXReviewer", password: PASSWORD });
  });
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db.loginFailure.deleteMany({});
  });

  it("user names are unique ignoring case", async () => {
    expect(await userNameTaken(db, "uxreviewer")).toBe(true);
    expect(await userNameTaken(db, "uxreviewer2")).toBe(false);
    await expect(createUser(db, { name: "uxreviewer", password: PASSWORD })).rejects.toMatchObject({ code: "Conflict" });
    await expect(createUser(db, { name: "UXREVIEWER" })).rejects.toMatchObject({ code: "Conflict" });
    // Two sign-ups racing for one name: the unique key lets exactly one through.
    const race = await Promise.allSettled([createUser(db, { name: "Racer" }), createUser(db, { name: "racer" })]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(race.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "Conflict" } });
  });

  it("refuses weak passwords at creation", async () => {
    await expect(createUser(db, { name: "weakling", password: "password123" })).rejects.toMatchObject({ code: "InvalidInput", message: expect.stringMatching(/most common/) });
    await expect(createUser(db, { name: "selfnamed1", password: "SelfNamed1" })).rejects.toMatchObject({ message: expect.stringMatching(/user name/) });
  });

  it("signs in by name in any case, under the stored name", async () => {
    const result = await authenticatePassword(db, { name: "uxREVIEWER", password: PASSWORD }, limits);
    expect(result).toMatchObject({ ok: true, user: { name: "UXReviewer", sessionVersion: 0 } });
    expect(await authenticatePassword(db, { name: "UXReviewer", password: "wrong horse battery" }, limits)).toEqual({ ok: false, reason: "wrong" });
    expect(await authenticatePassword(db, { name: "nobody", password: PASSWORD }, limits)).toEqual({ ok: false, reason: "wrong" });
  });

  it("unknown user and wrong password run the same hash once and take about as long", async () => {
    const compare = vi.spyOn(bcrypt, "compare");
    const timed = async (name: string) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        compare.mockClear();
        const t0 = performance.now();
        await authenticatePassword(db, { name, password: "wrong horse battery" }, { ...limits, maxPerAccount: 0, maxPerIp: 0 });
        times.push(performance.now() - t0);
        expect(compare).toHaveBeenCalledTimes(1);
        expect(bcrypt.getRounds(compare.mock.calls[0]![1] as string)).toBe(10);
      }
      return median(times);
    };
    try {
      const real = await timed("UXReviewer");
      const unknown = await timed("no-such-user");
      console.log(`${backend.name}: median sign-in time over 20 tries, wrong password ${real.toFixed(1)} ms, unknown user ${unknown.toFixed(1)} ms`);
      // Loose on purpose (a noisy 2-core machine): the hash, not the lookup, dominates both.
      expect(unknown / real).toBeGreaterThan(1 / 3);
      expect(unknown / real).toBeLessThan(3);
    } finally {
      compare.mockRestore();
    }
  });

  it("after 10 failures the account is refused, even with the right password", async () => {
    for (let i = 0; i < 10; i++) await authenticatePassword(db, { name: "uxreviewer", password: `wrong guess ${i}`, ip: `10.0.0.${i}` }, limits);
    const refused = await authenticatePassword(db, { name: "UXReviewer", password: PASSWORD, ip: "10.1.1.1" }, limits);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect(refused.ok === false && refused.reason === "throttled" && refused.retryAfterMs).toBeGreaterThan(890_000);
  });

  it("a session version check fails after the user signs out everywhere", async () => {
    const user = await createUser(db, { name: "signout-user" });
    expect(await sessionIsCurrent(db, user.id, 0)).toBe(true);
    await bumpSessionVersion(db, user.id);
    expect(await sessionIsCurrent(db, user.id, 0)).toBe(false);
    expect(await sessionIsCurrent(db, user.id, 1)).toBe(true);
    expect(await sessionIsCurrent(db, "no-such-id", 0)).toBe(false);
  });
});

describe("migration 0006 on existing case-variant names (SQLite)", () => {
  it("keeps both accounts, gives the key to the older one and blocks new variants", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "esmhub-users-mig-"));
    const file = path.join(dir, "db.sqlite");
    try {
      const folder = path.resolve(import.meta.dirname, "../../prisma/migrations/sqlite");
      const raw = new Database(file);
      raw.exec(`CREATE TABLE "_esmhub_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`);
      for (const f of readdirSync(folder).filter((f) => f.endsWith(".sql") && f < "0006").sort()) {
        raw.exec(readFileSync(path.join(folder, f), "utf8"));
        raw.prepare(`INSERT INTO "_esmhub_migrations" VALUES (?, ?)`).run(f.replace(/\.sql$/, ""), new Date().toISOString());
      }
      const insert = raw.prepare(`INSERT INTO "User" ("id", "name", "createdAt") VALUES (?, ?, ?)`);
      insert.run("u1", "UXReviewer", "2026-01-01 00:00:00");
      insert.run("u2", "uxreviewer", "2026-01-02 00:00:00");
      insert.run("u3", "solo", "2026-01-03 00:00:00");
      raw.close();

      expect(await migrate({ kind: "sqlite", url: "file:" + file })).toEqual(["0006_auth_hardening"]);
      const check = new Database(file);
      expect(check.prepare(`SELECT "id", "nameKey", "sessionVersion" FROM "User" ORDER BY "id"`).all()).toEqual([
        { id: "u1", nameKey: "uxreviewer", sessionVersion: 0 },
        { id: "u2", nameKey: null, sessionVersion: 0 },
        { id: "u3", nameKey: "solo", sessionVersion: 0 },
      ]);
      expect(() => check.prepare(`INSERT INTO "User" ("id", "name", "nameKey") VALUES ('u4', 'UxReviewer', 'uxreviewer')`).run()).toThrow(/UNIQUE/);
      check.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
