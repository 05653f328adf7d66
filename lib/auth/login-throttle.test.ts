import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { registryBackends as backends } from "../registry/test-backends";
import { clearAccountFailures, clientAddress, loginLimits, loginRetryAfterMs, recordLoginFailure, type LoginLimits } from "./login-throttle";

const limits: LoginLimits = { maxPerAccount: 3, maxPerIp: 5, windowMs: 60_000 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

describe("login limits from the environment", () => {
  it("defaults to 10 per account and 50 per address in 15 minutes", () => {
    expect(loginLimits({})).toEqual({ maxPerAccount: 10, maxPerIp: 50, windowMs: 900_000 });
  });
  it("reads ESMHUB_LOGIN_* and refuses nonsense", () => {
    expect(loginLimits({ ESMHUB_LOGIN_MAX_PER_ACCOUNT: "3", ESMHUB_LOGIN_MAX_PER_IP: "0", ESMHUB_LOGIN_WINDOW_S: "60" })).toEqual({ maxPerAccount: 3, maxPerIp: 0, windowMs: 60_000 });
    expect(() => loginLimits({ ESMHUB_LOGIN_MAX_PER_IP: "-1" })).toThrow(/ESMHUB_LOGIN_MAX_PER_IP/);
  });
});

describe("client address", () => {
  it("takes the last X-Forwarded-For entry, the one the nearest proxy wrote", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
    expect(clientAddress(new Headers({ "x-real-ip": "10.0.0.8" }))).toBe("10.0.0.8");
    expect(clientAddress(new Headers())).toBeUndefined();
  });
});

describe.each(backends)("login throttle on $name", (backend) => {
  let dir: string;
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "esmhub-throttle-"));
    ({ ctx: { db }, close } = await backend.open(dir));
  });
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db.loginFailure.deleteMany({});
  });

  it("refuses an account after its limit until the oldest failure leaves the window", async () => {
    const alice = { account: "Alice", ip: "10.0.0.1" };
    for (const s of [0, 10, 20]) {
      expect(await loginRetryAfterMs(db, alice, limits, at(s))).toBe(0);
      await recordLoginFailure(db, alice, limits, at(s));
    }
    // Three failures in the window: refused until the oldest (0 s) leaves it at 60 s.
    expect(await loginRetryAfterMs(db, alice, limits, at(21))).toBe(39_000);
    // Case does not open a second counter, nor does another address.
    expect(await loginRetryAfterMs(db, { account: "alice", ip: "10.0.0.2" }, limits, at(21))).toBe(39_000);
    expect(await loginRetryAfterMs(db, alice, limits, at(60))).toBe(0);
    expect(await loginRetryAfterMs(db, { account: "bob", ip: "10.0.0.1" }, limits, at(21))).toBe(0);
  });

  it("refuses an address that fails across many accounts", async () => {
    for (let i = 0; i < 5; i++) await recordLoginFailure(db, { account: `user${i}`, ip: "10.9.9.9" }, limits, at(i));
    expect(await loginRetryAfterMs(db, { account: "fresh", ip: "10.9.9.9" }, limits, at(5))).toBe(55_000);
    expect(await loginRetryAfterMs(db, { account: "fresh", ip: "10.9.9.8" }, limits, at(5))).toBe(0);
  });

  it("a correct password clears the account's failures but not the address's", async () => {
    const carol = { account: "carol", ip: "10.0.0.3" };
    for (let i = 0; i < 3; i++) await recordLoginFailure(db, carol, limits, at(i));
    await clearAccountFailures(db, carol);
    expect(await loginRetryAfterMs(db, carol, limits, at(3))).toBe(0);
    expect(await db.loginFailure.count({ where: { key: "ip:10.0.0.3" } })).toBe(3);
  });

  it("drops failures older than the window as new ones come in", async () => {
    await recordLoginFailure(db, { account: "dave" }, limits, at(0));
    await recordLoginFailure(db, { account: "dave" }, limits, at(120));
    expect(await db.loginFailure.count()).toBe(1);
  });

  it("a limit of 0 counts nothing", async () => {
    const off = { ...limits, maxPerAccount: 0, maxPerIp: 0 };
    for (let i = 0; i < 5; i++) await recordLoginFailure(db, { account: "erin", ip: "10.0.0.5" }, off, at(i));
    expect(await db.loginFailure.count()).toBe(0);
    expect(await loginRetryAfterMs(db, { account: "erin", ip: "10.0.0.5" }, off, at(5))).toBe(0);
  });
});
