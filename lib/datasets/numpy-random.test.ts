import { describe, expect, it } from "vitest";
import fixture from "./fixtures/numpy-permutations.json";
import { numpyPermutation, Pcg64 } from "./numpy-random";

describe("numpy default_rng permutation", () => {
  it("reproduces PCG64 raw 64-bit output for seed 42", () => {
    const rng = new Pcg64(42);
    const raw = fixture.raw64_seed42.map(() => rng.nextUint64().toString());
    expect(raw).toEqual(fixture.raw64_seed42);
  });

  it.each(fixture.cases.map((c) => [c.n, c.seed, c.perm] as const))("n=%i seed=%s", (n, seed, perm) => {
    expect(Array.from(numpyPermutation(n, BigInt(seed)))).toEqual(perm);
  });

  it.each(fixture.large.map((c) => [c.n, c.seed, c] as const))("large n=%i seed=%i", (n, seed, c) => {
    const p = numpyPermutation(n, seed);
    expect(Array.from(p.subarray(0, c.head.length))).toEqual(c.head);
    let sum = 0n;
    for (let i = 0; i < n; i++) sum = (sum + ((BigInt(i) * BigInt(p[i])) % 1000000007n)) % 1000000007n;
    expect(Number(sum)).toBe(c.weightedSumMod1e9p7);
  });

  it("rejects negative seeds", () => {
    expect(() => numpyPermutation(3, -1)).toThrow(RangeError);
  });
});
