/**
 * Hidden sizes of the base models ESMs are published for, with the Hub's canonical ids. Lets the registry reject
 * an ESM whose D cannot fit its base model; unknown base models accept any D.
 */
interface BaseModel {
  id: string;
  aliases: string[];
  hiddenSize: number;
}

const BASE_MODELS: BaseModel[] = [
  { id: "google-bert/bert-base-multilingual-uncased", aliases: ["bert-base-multilingual-uncased"], hiddenSize: 768 },
  { id: "google-bert/bert-base-multilingual-cased", aliases: ["bert-base-multilingual-cased"], hiddenSize: 768 },
  { id: "google-bert/bert-base-uncased", aliases: ["bert-base-uncased"], hiddenSize: 768 },
  { id: "google-bert/bert-base-cased", aliases: ["bert-base-cased"], hiddenSize: 768 },
  { id: "google-bert/bert-large-uncased", aliases: ["bert-large-uncased"], hiddenSize: 1024 },
  { id: "google-bert/bert-large-cased", aliases: ["bert-large-cased"], hiddenSize: 1024 },
  { id: "distilbert/distilbert-base-uncased", aliases: ["distilbert-base-uncased"], hiddenSize: 768 },
  { id: "distilbert/distilbert-base-multilingual-cased", aliases: ["distilbert-base-multilingual-cased"], hiddenSize: 768 },
  { id: "FacebookAI/roberta-base", aliases: ["roberta-base"], hiddenSize: 768 },
  { id: "FacebookAI/roberta-large", aliases: ["roberta-large"], hiddenSize: 1024 },
  { id: "FacebookAI/xlm-roberta-base", aliases: ["xlm-roberta-base"], hiddenSize: 768 },
  { id: "sentence-transformers/all-MiniLM-L6-v2", aliases: [], hiddenSize: 384 },
  { id: "sentence-transformers/all-mpnet-base-v2", aliases: [], hiddenSize: 768 },
  { id: "prajjwal1/bert-tiny", aliases: [], hiddenSize: 128 },
  { id: "prajjwal1/bert-mini", aliases: [], hiddenSize: 256 },
  { id: "prajjwal1/bert-small", aliases: [], hiddenSize: 512 },
];

function find(id: string): BaseModel | undefined {
  const key = id.trim().toLowerCase();
  return BASE_MODELS.find((m) => m.id.toLowerCase() === key || m.aliases.some((a) => a.toLowerCase() === key));
}

/** The canonical id (e.g. `bert-base-uncased` → `google-bert/bert-base-uncased`); unknown ids are returned as given. */
export function canonicalBaseModel(id: string): string {
  return find(id)?.id ?? id.trim();
}

/** Every spelling of a base model id that names the same model, canonical first. */
export function baseModelAliases(id: string): string[] {
  const m = find(id);
  return m ? [m.id, ...m.aliases] : [id.trim()];
}

/** Hidden size of a known base model, or null when the model is not known to the hub. */
export function baseModelHiddenSize(id: string, extra: Record<string, number> = {}): number | null {
  const canonical = canonicalBaseModel(id);
  return extra[canonical] ?? extra[id] ?? find(id)?.hiddenSize ?? null;
}
