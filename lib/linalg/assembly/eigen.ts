// Symmetric eigen-solve with right-hand sides in float64 WebAssembly (AssemblyScript, f64x2 SIMD).
// Same algorithm and order of operations as ../eigen.ts (the TypeScript oracle), except that the fused
// rank-2 update + symmetric product runs two rows at a time with four columns per loop step (two f64x2), and
// that the build with relaxed SIMD (ASC_FEATURE_RELAXED_SIMD) fuses its multiply-adds where the CPU has FMA.
// Memory is imported; the caller lays out A (n×n), Z (n×C), d, e and five work vectors of n doubles.

const MAX_QL_SWEEPS: i32 = 30;

@inline function at(base: usize, i: i32): usize {
  return base + (<usize>i << 3);
}

/** c + a·b; fused (one rounding) in the relaxed-SIMD build when the CPU has FMA. */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

/** Householder vector of row[0..m-1] into v; returns beta, writes alpha to out[0]. */
function householder(row: usize, m: i32, v: usize, out: usize): f64 {
  if (m == 1) {
    store<f64>(v, 0.0);
    store<f64>(out, load<f64>(row));
    return 0.0;
  }
  let ss: f64 = 0.0;
  for (let c = 0; c < m; c++) {
    const x = load<f64>(at(row, c));
    store<f64>(at(v, c), x);
    ss += x * x;
  }
  const norm = Math.sqrt(ss);
  if (norm == 0.0) {
    store<f64>(out, 0.0);
    return 0.0;
  }
  const last = load<f64>(at(v, m - 1));
  const signed = last < 0.0 ? -norm : norm;
  store<f64>(at(v, m - 1), last + signed);
  store<f64>(out, -signed);
  return 1.0 / (norm * (norm + Math.abs(last)));
}

/** One row r of the fused pass (the row left over after the 2-row blocks). */
@inline function fusedRow(a: usize, n: i32, r: i32, v: usize, w: usize, vn: usize, pn: usize): void {
  const row = a + (<usize>(r * n) << 3);
  const vr = load<f64>(at(v, r));
  const wr = load<f64>(at(w, r));
  const vnr = load<f64>(at(vn, r));
  let s: f64 = 0.0;
  for (let c = 0; c < r; c++) {
    const x = load<f64>(at(row, c)) - (vr * load<f64>(at(w, c)) + wr * load<f64>(at(v, c)));
    store<f64>(at(row, c), x);
    s += x * load<f64>(at(vn, c));
    store<f64>(at(pn, c), load<f64>(at(pn, c)) + x * vnr);
  }
  const diag = load<f64>(at(row, r)) - (vr * wr + wr * vr);
  store<f64>(at(row, r), diag);
  store<f64>(at(pn, r), load<f64>(at(pn, r)) + (s + diag * vnr));
}

/** a − (x·y + u·t): the rank-2 update of two SIMD lanes, fused in the relaxed-SIMD build. */
@inline function rank2(a: v128, x: v128, y: v128, u: v128, t: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_nmadd(x, y, f64x2.relaxed_nmadd(u, t, a));
  return f64x2.sub(a, f64x2.add(f64x2.mul(x, y), f64x2.mul(u, t)));
}

/**
 * Rows r, r+1 of the fused pass: the common columns 0..r-1 four at a time (two f64x2 per row, the second at an
 * immediate offset), then one f64x2 step if needed, then the small triangle. Two rows keep the loop invariants
 * (V, W, N, S: 8 registers) within x64's 16 vector registers, so V8 does not spill them; measured faster than
 * 3, 4 or 6 rows and than 2 or 8 columns per step.
 */
function fusedBlock2(a: usize, n: i32, r: i32, v: usize, w: usize, vn: usize, pn: usize): void {
  const r0 = a + (<usize>(r * n) << 3);
  const r1 = r0 + (<usize>n << 3);
  const V0 = f64x2.splat(load<f64>(at(v, r)));
  const V1 = f64x2.splat(load<f64>(at(v, r + 1)));
  const W0 = f64x2.splat(load<f64>(at(w, r)));
  const W1 = f64x2.splat(load<f64>(at(w, r + 1)));
  const N0 = f64x2.splat(load<f64>(at(vn, r)));
  const N1 = f64x2.splat(load<f64>(at(vn, r + 1)));
  let S0 = f64x2.splat(0.0);
  let S1 = f64x2.splat(0.0);
  const even = r & ~1;
  let c = 0;
  for (; c + 4 <= even; c += 4) {
    const o = <usize>c << 3;
    const VC = v128.load(v + o);
    const WC = v128.load(w + o);
    const NC = v128.load(vn + o);
    const VD = v128.load(v + o, 16);
    const WD = v128.load(w + o, 16);
    const ND = v128.load(vn + o, 16);
    const A0 = rank2(v128.load(r0 + o), V0, WC, W0, VC);
    const B0 = rank2(v128.load(r0 + o, 16), V0, WD, W0, VD);
    const A1 = rank2(v128.load(r1 + o), V1, WC, W1, VC);
    const B1 = rank2(v128.load(r1 + o, 16), V1, WD, W1, VD);
    v128.store(r0 + o, A0);
    v128.store(r0 + o, B0, 16);
    v128.store(r1 + o, A1);
    v128.store(r1 + o, B1, 16);
    S0 = madd(B0, ND, madd(A0, NC, S0));
    S1 = madd(B1, ND, madd(A1, NC, S1));
    v128.store(pn + o, madd(A1, N1, madd(A0, N0, v128.load(pn + o))));
    v128.store(pn + o, madd(B1, N1, madd(B0, N0, v128.load(pn + o, 16))), 16);
  }
  if (c < even) {
    const o = <usize>c << 3;
    const VC = v128.load(v + o);
    const WC = v128.load(w + o);
    const NC = v128.load(vn + o);
    const A0 = rank2(v128.load(r0 + o), V0, WC, W0, VC);
    const A1 = rank2(v128.load(r1 + o), V1, WC, W1, VC);
    v128.store(r0 + o, A0);
    v128.store(r1 + o, A1);
    S0 = madd(A0, NC, S0);
    S1 = madd(A1, NC, S1);
    v128.store(pn + o, madd(A1, N1, madd(A0, N0, v128.load(pn + o))));
  }
  triangle(r0, r, even, f64x2.extract_lane(S0, 0) + f64x2.extract_lane(S0, 1), v, w, vn, pn);
  triangle(r1, r + 1, even, f64x2.extract_lane(S1, 0) + f64x2.extract_lane(S1, 1), v, w, vn, pn);
}

/** Columns from..rk of row rk (the part of a 4-row block not covered by the SIMD loop); s is the row sum so far. */
@inline function triangle(row: usize, rk: i32, from: i32, s: f64, v: usize, w: usize, vn: usize, pn: usize): void {
  const vr = load<f64>(at(v, rk));
  const wr = load<f64>(at(w, rk));
  const vnr = load<f64>(at(vn, rk));
  for (let c = from; c < rk; c++) {
    const x = load<f64>(at(row, c)) - (vr * load<f64>(at(w, c)) + wr * load<f64>(at(v, c)));
    store<f64>(at(row, c), x);
    s += x * load<f64>(at(vn, c));
    store<f64>(at(pn, c), load<f64>(at(pn, c)) + x * vnr);
  }
  const diag = load<f64>(at(row, rk)) - (vr * wr + wr * vr);
  store<f64>(at(row, rk), diag);
  store<f64>(at(pn, rk), load<f64>(at(pn, rk)) + (s + diag * vnr));
}

/**
 * Householder tridiagonalisation of A (lower triangle, destroyed), last row first, applying each reflector to the
 * C columns of Z. work points to 5·n doubles plus 8 bytes of scratch.
 */
export function tridiagonalizeRhs(a: usize, n: i32, z: usize, nrhs: i32, d: usize, e: usize, work: usize): void {
  if (n == 1) {
    store<f64>(d, load<f64>(a));
    store<f64>(e, 0.0);
    return;
  }
  const bytes = <usize>n << 3;
  let v = work;
  let p = work + bytes;
  const w = p + bytes;
  let vn = w + bytes;
  let pn = vn + bytes;
  const scratch = pn + bytes;
  memory.fill(work, 0, bytes * 5);
  let alpha: f64 = 0.0;
  let beta: f64 = 0.0;
  for (let l = n; l >= 1; l--) {
    if (l < n) {
      store<f64>(at(e, l), alpha);
      store<f64>(at(d, l), load<f64>(a + (<usize>(l * n + l) << 3)));
      if (beta != 0.0) {
        let vp: f64 = 0.0;
        for (let r = 0; r < l; r++) {
          const pr = load<f64>(at(p, r)) * beta;
          store<f64>(at(p, r), pr);
          vp += load<f64>(at(v, r)) * pr;
        }
        const k = 0.5 * beta * vp;
        for (let r = 0; r < l; r++) store<f64>(at(w, r), load<f64>(at(p, r)) - k * load<f64>(at(v, r)));
        for (let c = 0; c < nrhs; c++) {
          let dot: f64 = 0.0;
          for (let r = 0; r < l; r++) dot += load<f64>(at(v, r)) * load<f64>(at(z, r * nrhs + c));
          const f = beta * dot;
          for (let r = 0; r < l; r++) {
            const q = at(z, r * nrhs + c);
            store<f64>(q, load<f64>(q) - f * load<f64>(at(v, r)));
          }
        }
      } else {
        memory.fill(v, 0, <usize>l << 3);
        memory.fill(w, 0, <usize>l << 3);
      }
    }
    const last = a + (<usize>((l - 1) * n) << 3);
    const vl = load<f64>(at(v, l - 1));
    const wl = load<f64>(at(w, l - 1));
    for (let c = 0; c < l; c++) {
      store<f64>(at(last, c), load<f64>(at(last, c)) - (vl * load<f64>(at(w, c)) + wl * load<f64>(at(v, c))));
    }
    const m = l - 1;
    if (m == 0) break;
    beta = householder(last, m, vn, scratch);
    alpha = load<f64>(scratch);
    memory.fill(pn, 0, <usize>m << 3);
    let r = 0;
    for (; r + 2 <= m; r += 2) fusedBlock2(a, n, r, v, w, vn, pn);
    for (; r < m; r++) fusedRow(a, n, r, v, w, vn, pn);
    const tv = v;
    v = vn;
    vn = tv;
    const tp = p;
    p = pn;
    pn = tp;
  }
  store<f64>(d, load<f64>(a));
  store<f64>(e, 0.0);
}

/** Implicit QL on (d, e) with the rotations applied to the rows of Z. Returns 0, or −1 if it did not converge. */
export function tql2Rhs(d: usize, e: usize, n: i32, z: usize, nrhs: i32): i32 {
  for (let i = 1; i < n; i++) store<f64>(at(e, i - 1), load<f64>(at(e, i)));
  store<f64>(at(e, n - 1), 0.0);
  let f: f64 = 0.0;
  let tst1: f64 = 0.0;
  const eps: f64 = 2.220446049250313e-16;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(load<f64>(at(d, l))) + Math.abs(load<f64>(at(e, l))));
    let m = l;
    while (m < n - 1 && Math.abs(load<f64>(at(e, m))) > eps * tst1) m++;
    if (m > l) {
      let sweeps = 0;
      do {
        if (++sweeps > MAX_QL_SWEEPS) return -1;
        let g = load<f64>(at(d, l));
        const el = load<f64>(at(e, l));
        let p = (load<f64>(at(d, l + 1)) - g) / (2.0 * el);
        let r = Math.sqrt(p * p + 1.0);
        if (p < 0.0) r = -r;
        store<f64>(at(d, l), el / (p + r));
        store<f64>(at(d, l + 1), el * (p + r));
        const dl1 = load<f64>(at(d, l + 1));
        let h = g - load<f64>(at(d, l));
        for (let i = l + 2; i < n; i++) store<f64>(at(d, i), load<f64>(at(d, i)) - h);
        f += h;
        p = load<f64>(at(d, m));
        let c: f64 = 1.0;
        let c2 = c;
        let c3 = c;
        const el1 = load<f64>(at(e, l + 1));
        let s: f64 = 0.0;
        let s2: f64 = 0.0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = load<f64>(at(e, i));
          const di = load<f64>(at(d, i));
          g = c * ei;
          h = c * p;
          r = Math.sqrt(p * p + ei * ei);
          store<f64>(at(e, i + 1), s * r);
          s = ei / r;
          c = p / r;
          p = c * di - s * g;
          store<f64>(at(d, i + 1), h + s * (c * g + s * di));
          const o0 = z + (<usize>(i * nrhs) << 3);
          const o1 = o0 + (<usize>nrhs << 3);
          for (let k = 0; k < nrhs; k++) {
            const q0 = at(o0, k);
            const q1 = at(o1, k);
            const hh = load<f64>(q1);
            const z0 = load<f64>(q0);
            store<f64>(q1, s * z0 + c * hh);
            store<f64>(q0, c * z0 - s * hh);
          }
        }
        p = (-s * s2 * c3 * el1 * load<f64>(at(e, l))) / dl1;
        store<f64>(at(e, l), s * p);
        store<f64>(at(d, l), c * p);
      } while (Math.abs(load<f64>(at(e, l))) > eps * tst1);
    }
    store<f64>(at(d, l), load<f64>(at(d, l)) + f);
    store<f64>(at(e, l), 0.0);
  }
  return 0;
}

/**
 * Z (n×C, f64) = W̃ M with W̃ = [W | b]: W n×n and b n in float32, M (n+1)×C in float64 given transposed as mt
 * (C rows of n+1). Per entry: b·M[n] + Σⱼ W[o,j]·M[j] with the sum in two f64x2 accumulators.
 */
export function affineRhs(wp: usize, bp: usize, n: i32, mt: usize, nrhs: i32, z: usize): void {
  const quads = n & ~3;
  for (let o = 0; o < n; o++) {
    const row = wp + (<usize>(o * n) << 2);
    const bo = <f64>load<f32>(bp + (<usize>o << 2));
    for (let c = 0; c < nrhs; c++) {
      const col = mt + (<usize>(c * (n + 1)) << 3);
      let s0 = f64x2.splat(0.0);
      let s1 = f64x2.splat(0.0);
      for (let j = 0; j < quads; j += 4) {
        const wj = row + (<usize>j << 2);
        const mj = col + (<usize>j << 3);
        s0 = madd(f64x2.promote_low_f32x4(v128.load64_zero(wj)), v128.load(mj), s0);
        s1 = madd(f64x2.promote_low_f32x4(v128.load64_zero(wj, 8)), v128.load(mj, 16), s1);
      }
      const s = f64x2.add(s0, s1);
      let acc = bo * load<f64>(at(col, n)) + (f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1));
      for (let j = quads; j < n; j++) acc += <f64>load<f32>(row + (<usize>j << 2)) * load<f64>(at(col, j));
      store<f64>(at(z, o * nrhs + c), acc);
    }
  }
}
