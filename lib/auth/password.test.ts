import bcrypt from "bcryptjs";
import { describe, expect, it, vi } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords";
import { checkPasswordPolicy, hashPassword, PASSWORD_COST, PASSWORD_MIN_LENGTH, verifyPassword } from "./password";

describe("password policy", () => {
  it("accepts a long, uncommon password", () => {
    expect(checkPasswordPolicy("correct horse battery", "alice")).toBeNull();
  });

  it("refuses short, blank, common passwords and the user name, saying why", () => {
    expect(checkPasswordPolicy("short1234")).toMatch(/at least 10 characters/);
    expect(checkPasswordPolicy(" ".repeat(12))).toMatch(/only spaces/);
    expect(checkPasswordPolicy("\t \n".repeat(4))).toMatch(/only spaces/);
    expect(checkPasswordPolicy("Password123")).toMatch(/most common/);
    expect(checkPasswordPolicy("QWERTYUIOP")).toMatch(/most common/);
    expect(checkPasswordPolicy("UXReviewer2", "uxreviewer2")).toMatch(/user name/);
    expect(checkPasswordPolicy("x".repeat(73))).toMatch(/at most 72 bytes/);
  });

  it("ships a list of 100–200 entries that the length rule alone would not catch", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(100);
    expect(COMMON_PASSWORDS.size).toBeLessThanOrEqual(200);
    for (const p of COMMON_PASSWORDS) {
      expect(p.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
      expect(p).toBe(p.toLowerCase());
    }
  });
});

describe("verifyPassword", () => {
  it("matches only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(bcrypt.getRounds(hash)).toBe(PASSWORD_COST);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("wrong horse battery", hash)).toBe(false);
  });

  it("without a hash (unknown user) still runs one comparison at the same cost, and never matches", async () => {
    const compare = vi.spyOn(bcrypt, "compare");
    try {
      expect(await verifyPassword("anything at all", null)).toBe(false);
      expect(compare).toHaveBeenCalledTimes(1);
      expect(bcrypt.getRounds(compare.mock.calls[0]![1] as string)).toBe(PASSWORD_COST);
    } finally {
      compare.mockRestore();
    }
  });
});
