import { RegistryError } from "@/lib/registry";
import type { IngestInput } from "@/lib/targets";

const TASK_TYPES = ["classification", "regression"] as const;

function text(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v.trim() : "";
}

/** Reads an upload form (browser or API multipart) into ingestTarget's input; shape errors are InvalidInput. */
export async function ingestFields(form: FormData): Promise<IngestInput> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 && !file.name) throw new RegistryError("InvalidInput", "choose a file to upload (CSV, TSV, JSON Lines or Parquet)");
  const filename = file.name || "target.csv";
  const name = text(form, "name") || filename.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-._]+|[-._]+$/g, "").slice(0, 96);
  const textColumns = form.getAll("text_columns").flatMap((v) => (typeof v === "string" ? v.split(",") : [])).map((s) => s.trim()).filter(Boolean);
  const taskType = text(form, "task_type");
  if (taskType && !TASK_TYPES.includes(taskType as (typeof TASK_TYPES)[number])) throw new RegistryError("InvalidInput", "task_type must be classification or regression");
  const numExamples = text(form, "num_examples");
  const n = numExamples ? Number(numExamples) : undefined;
  if (n !== undefined && (!Number.isSafeInteger(n) || n < 1)) throw new RegistryError("InvalidInput", "num_examples must be a positive integer");
  return {
    name,
    filename,
    bytes: new Uint8Array(await file.arrayBuffer()),
    textColumns,
    labelColumn: text(form, "label_column") || undefined,
    taskType: (taskType || undefined) as IngestInput["taskType"],
    numExamples: n,
    description: text(form, "description") || undefined,
    language: text(form, "language") || undefined,
  };
}
