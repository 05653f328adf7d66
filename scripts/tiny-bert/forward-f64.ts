import { readSafetensors } from "../../lib/esm/safetensors";

/**
 * An independent float64 BertModel forward pass for one unpadded token sequence, straight from the
 * safetensors weights (HF names, PyTorch [out, in] layout). Tests compare the ONNX pipeline against it.
 */
export interface BertF64Config {
  hidden_size: number;
  num_attention_heads: number;
  num_hidden_layers: number;
  layer_norm_eps: number;
}

type Weights = (name: string) => Float64Array;

export function loadWeightsF64(safetensors: Uint8Array, prefix = ""): Weights {
  const file = readSafetensors(safetensors);
  const cache = new Map<string, Float64Array>();
  return (name) => {
    let out = cache.get(name);
    if (!out) {
      const t = file.tensors.get(prefix + name);
      if (!t) throw new Error(`missing ${prefix + name}`);
      out = Float64Array.from(new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)));
      cache.set(name, out);
    }
    return out;
  };
}

/** y = W x + b for W stored [out, in]. */
function dense(x: Float64Array, w: Float64Array, b: Float64Array): Float64Array {
  const dout = b.length;
  const din = x.length;
  const y = new Float64Array(dout);
  for (let o = 0; o < dout; o++) {
    let s = b[o];
    for (let i = 0; i < din; i++) s += w[o * din + i] * x[i];
    y[o] = s;
  }
  return y;
}

function layerNorm(x: Float64Array, g: Float64Array, b: Float64Array, eps: number): Float64Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  variance /= x.length;
  const inv = 1 / Math.sqrt(variance + eps);
  return x.map((v, i) => (v - mean) * inv * g[i] + b[i]);
}

/** erf by Abramowitz–Stegun 7.1.26 is too coarse (1e-7); use the series/continued-fraction pair instead. */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let sum = ax;
    let term = ax;
    for (let n = 1; n < 200; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction (Lentz) for large |x|.
  let f = ax;
  let c = ax;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = 1 / (ax + a * d);
    c = ax + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

export function bertForwardF64(ids: number[], w: Weights, cfg: BertF64Config): { hidden: Float64Array[]; pooled: Float64Array } {
  const H = cfg.hidden_size;
  const NH = cfg.num_attention_heads;
  const HD = H / NH;
  const eps = cfg.layer_norm_eps;
  const words = w("embeddings.word_embeddings.weight");
  const positions = w("embeddings.position_embeddings.weight");
  const types = w("embeddings.token_type_embeddings.weight");
  let h = ids.map((id, t) => {
    const e = new Float64Array(H);
    for (let k = 0; k < H; k++) e[k] = words[id * H + k] + positions[t * H + k] + types[k];
    return layerNorm(e, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"), eps);
  });
  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const p = `encoder.layer.${l}`;
    const proj = (name: string) => h.map((x) => dense(x, w(`${p}.attention.self.${name}.weight`), w(`${p}.attention.self.${name}.bias`)));
    const q = proj("query");
    const k = proj("key");
    const v = proj("value");
    const ctx = h.map(() => new Float64Array(H));
    for (let head = 0; head < NH; head++) {
      const o = head * HD;
      for (let i = 0; i < ids.length; i++) {
        const scores = k.map((kj) => {
          let s = 0;
          for (let d = 0; d < HD; d++) s += q[i][o + d] * kj[o + d];
          return s / Math.sqrt(HD);
        });
        const max = Math.max(...scores);
        const exps = scores.map((s) => Math.exp(s - max));
        const z = exps.reduce((a, b) => a + b, 0);
        for (let j = 0; j < ids.length; j++) for (let d = 0; d < HD; d++) ctx[i][o + d] += (exps[j] / z) * v[j][o + d];
      }
    }
    h = h.map((x, i) => {
      const a = dense(ctx[i], w(`${p}.attention.output.dense.weight`), w(`${p}.attention.output.dense.bias`));
      const h1 = layerNorm(a.map((y, kk) => y + x[kk]), w(`${p}.attention.output.LayerNorm.weight`), w(`${p}.attention.output.LayerNorm.bias`), eps);
      const f = dense(h1, w(`${p}.intermediate.dense.weight`), w(`${p}.intermediate.dense.bias`)).map((y) => 0.5 * y * (1 + erf(y / Math.SQRT2)));
      const out = dense(f, w(`${p}.output.dense.weight`), w(`${p}.output.dense.bias`));
      return layerNorm(out.map((y, kk) => y + h1[kk]), w(`${p}.output.LayerNorm.weight`), w(`${p}.output.LayerNorm.bias`), eps);
    });
  }
  const pooled = dense(h[0], w("pooler.dense.weight"), w("pooler.dense.bias")).map(Math.tanh);
  return { hidden: h, pooled };
}
