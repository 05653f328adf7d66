// Symmetric eigen-solve with right-hand sides in float64 WebAssembly (AssemblyScript, f64x2 SIMD).
// Same algorithm and order of operations as ../eigen.ts (the TypeScript oracle), except that the fused
// rank-2 update + symmetric product runs four rows at a time with two columns per SIMD step.
// Memory is imported; the caller lays out A (n×n), Z (n×C), d, e and five work vectors of n doubles.

const MAX_QL_SWEEPS: i32 = 30;

@inline function at(base: usize, i: i32): usize {
  return base + (<usize>i << 3);
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

/** One row r of the fused pass (used for the rows left over after the 4-row blocks). */
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

/** Rows r..r+3 of the fused pass: the common columns 0..r-1 in f64x2 steps, then the small triangle. */
function fusedBlock4(a: usize, n: i32, r: i32, v: usize, w: usize, vn: usize, pn: usize): void {
  const stride = <usize>n << 3;
  const r0 = a + (<usize>(r * n) << 3);
  const r1 = r0 + stride;
  const r2 = r1 + stride;
  const r3 = r2 + stride;
  const V0 = f64x2.splat(load<f64>(at(v, r)));
  const V1 = f64x2.splat(load<f64>(at(v, r + 1)));
  const V2 = f64x2.splat(load<f64>(at(v, r + 2)));
  const V3 = f64x2.splat(load<f64>(at(v, r + 3)));
  const W0 = f64x2.splat(load<f64>(at(w, r)));
  const W1 = f64x2.splat(load<f64>(at(w, r + 1)));
  const W2 = f64x2.splat(load<f64>(at(w, r + 2)));
  const W3 = f64x2.splat(load<f64>(at(w, r + 3)));
  const N0 = f64x2.splat(load<f64>(at(vn, r)));
  const N1 = f64x2.splat(load<f64>(at(vn, r + 1)));
  const N2 = f64x2.splat(load<f64>(at(vn, r + 2)));
  const N3 = f64x2.splat(load<f64>(at(vn, r + 3)));
  let S0 = f64x2.splat(0.0);
  let S1 = f64x2.splat(0.0);
  let S2 = f64x2.splat(0.0);
  let S3 = f64x2.splat(0.0);
  const even = r & ~1;
  for (let c = 0; c < even; c += 2) {
    const o = <usize>c << 3;
    const VC = v128.load(v + o);
    const WC = v128.load(w + o);
    const NC = v128.load(vn + o);
    const A0 = f64x2.sub(v128.load(r0 + o), f64x2.add(f64x2.mul(V0, WC), f64x2.mul(W0, VC)));
    const A1 = f64x2.sub(v128.load(r1 + o), f64x2.add(f64x2.mul(V1, WC), f64x2.mul(W1, VC)));
    const A2 = f64x2.sub(v128.load(r2 + o), f64x2.add(f64x2.mul(V2, WC), f64x2.mul(W2, VC)));
    const A3 = f64x2.sub(v128.load(r3 + o), f64x2.add(f64x2.mul(V3, WC), f64x2.mul(W3, VC)));
    v128.store(r0 + o, A0);
    v128.store(r1 + o, A1);
    v128.store(r2 + o, A2);
    v128.store(r3 + o, A3);
    S0 = f64x2.add(S0, f64x2.mul(A0, NC));
    S1 = f64x2.add(S1, f64x2.mul(A1, NC));
    S2 = f64x2.add(S2, f64x2.mul(A2, NC));
    S3 = f64x2.add(S3, f64x2.mul(A3, NC));
    const P = f64x2.add(f64x2.add(f64x2.mul(A0, N0), f64x2.mul(A1, N1)), f64x2.add(f64x2.mul(A2, N2), f64x2.mul(A3, N3)));
    v128.store(pn + o, f64x2.add(v128.load(pn + o), P));
  }
  const s0 = f64x2.extract_lane(S0, 0) + f64x2.extract_lane(S0, 1);
  const s1 = f64x2.extract_lane(S1, 0) + f64x2.extract_lane(S1, 1);
  const s2 = f64x2.extract_lane(S2, 0) + f64x2.extract_lane(S2, 1);
  const s3 = f64x2.extract_lane(S3, 0) + f64x2.extract_lane(S3, 1);
  triangle(r0, r, even, s0, v, w, vn, pn);
  triangle(r1, r + 1, even, s1, v, w, vn, pn);
  triangle(r2, r + 2, even, s2, v, w, vn, pn);
  triangle(r3, r + 3, even, s3, v, w, vn, pn);
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
    for (; r + 4 <= m; r += 4) fusedBlock4(a, n, r, v, w, vn, pn);
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
