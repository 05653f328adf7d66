import type { Tensor } from "../../lib/embed/encoder-onnx";
import { normalGenerator } from "../../lib/random";

export interface TinyBertDims {
  hidden: number;
  heads: number;
  layers: number;
  intermediate: number;
  maxPositions: number;
  typeVocab: number;
}

export const DEFAULT_DIMS: TinyBertDims = { hidden: 32, heads: 2, layers: 2, intermediate: 64, maxPositions: 512, typeVocab: 2 };

export type { Tensor };

/**
 * Seeded random weights under Hugging Face BertModel's parameter names, linear weights as [out, in] like
 * PyTorch. Scales are chosen so the random network is not degenerate (attention is not uniform, tanh is not
 * saturated); nothing here is trained.
 */
export function randomBertWeights(vocabSize: number, dims: TinyBertDims, seed = 0): Map<string, Tensor> {
  const normal = normalGenerator(seed);
  const weights = new Map<string, Tensor>();
  const make = (name: string, shape: number[], fill: () => number) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = fill();
    weights.set(name, { shape, data });
  };
  const { hidden: H, intermediate: FF } = dims;
  const w = (std: number) => () => normal() * std;
  const gamma = () => 1 + 0.1 * normal();
  const linear = (prefix: string, dout: number, din: number) => {
    make(`${prefix}.weight`, [dout, din], w(1 / Math.sqrt(din)));
    make(`${prefix}.bias`, [dout], w(0.1));
  };
  const layerNorm = (prefix: string) => {
    make(`${prefix}.weight`, [H], gamma);
    make(`${prefix}.bias`, [H], w(0.1));
  };
  make("embeddings.word_embeddings.weight", [vocabSize, H], w(1));
  make("embeddings.position_embeddings.weight", [dims.maxPositions, H], w(0.5));
  make("embeddings.token_type_embeddings.weight", [dims.typeVocab, H], w(0.5));
  layerNorm("embeddings.LayerNorm");
  for (let l = 0; l < dims.layers; l++) {
    const p = `encoder.layer.${l}`;
    linear(`${p}.attention.self.query`, H, H);
    linear(`${p}.attention.self.key`, H, H);
    linear(`${p}.attention.self.value`, H, H);
    linear(`${p}.attention.output.dense`, H, H);
    layerNorm(`${p}.attention.output.LayerNorm`);
    linear(`${p}.intermediate.dense`, FF, H);
    linear(`${p}.output.dense`, H, FF);
    layerNorm(`${p}.output.LayerNorm`);
  }
  linear("pooler.dense", H, H);
  return weights;
}
