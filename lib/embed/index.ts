export { EmbedError, type EmbedErrorCode } from "./errors";
export {
  loadBaseModel,
  DEFAULT_BATCH_SIZE,
  type BaseModel,
  type LoadBaseModelOptions,
  type EmbedOptions,
  type EmbedProgress,
  type Embeddings,
} from "./base-model";
export { embedWithCache, embeddingCacheKey, hashTexts, RECIPE_VERSION, type CachedEmbedOptions, type CachedEmbeddings, type CacheKeyParts } from "./cache";
export { poolingFor, type Pooling } from "./pooling";
export { loadTokenizer, padBatch, MAX_LENGTH, type TextTokenizer, type TokenBatch } from "./tokenize";
export { deviceFromEnv, type Device } from "./session";
export type { ModelSourceOptions } from "./model-source";
