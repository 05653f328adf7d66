/**
 * mulberry32: a tiny seeded generator for reproducible synthetic data (demo weights, benchmarks, tests).
 * Returns successive 32-bit unsigned integers; callers map them to the range they need.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform numbers in [0, 1). */
export function uniformGenerator(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/** Standard normals (Box–Muller over uniforms in (0, 1), so the logarithm is always finite). */
export function normalGenerator(seed: number): () => number {
  const next = mulberry32(seed);
  const uniform = () => (next() + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
