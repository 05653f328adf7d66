import { describe, expect, it } from "vitest";
import { choleskyLower } from "./cholesky";

describe("choleskyLower", () => {
  it("factors a 3×3 by hand", () => {
    // S = L Lᵀ with L = [[2,0,0],[1,3,0],[−1,2,4]].
    const s = new Float64Array([4, 2, -2, 2, 10, 5, -2, 5, 21]);
    expect([...choleskyLower(s, 3)!]).toEqual([2, 0, 0, 1, 3, 0, -1, 2, 4]);
  });

  it("reproduces a Gram X̃ᵀX̃ and refuses a singular one", () => {
    const m = 12;
    const n = 5;
    const x = Float64Array.from({ length: m * n }, (_, k) => Math.sin(0.37 * k * k) + (k % n === n - 1 ? 1 : 0));
    const gram = (cols: Float64Array) => {
      const s = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let r = 0; r < m; r++) s[i * n + j] += cols[r * n + i] * cols[r * n + j];
      return s;
    };
    const s = gram(x);
    const l = choleskyLower(s, n)!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let t = 0;
        for (let k = 0; k < n; k++) t += l[i * n + k] * l[j * n + k];
        expect(Math.abs(t - s[i * n + j])).toBeLessThan(1e-12 * s[i * n + i]);
      }
    }
    // Column 2 = column 0: S is singular, so the caller must keep S.
    for (let r = 0; r < m; r++) x[r * n + 2] = x[r * n];
    expect(choleskyLower(gram(x), n)).toBeNull();
  });
});
