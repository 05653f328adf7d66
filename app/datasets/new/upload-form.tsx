"use client";

import { useActionState } from "react";
import { uploadTarget, type UploadState } from "./actions";

function Error({ state, field }: { state: UploadState; field: UploadState["field"] }) {
  if (!state.error || state.field !== field) return null;
  return (
    <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400" data-testid={`error-${field}`}>
      {state.error}
    </p>
  );
}

export function UploadTargetForm({ maxMb }: { maxMb: number }) {
  const [state, action, pending] = useActionState<UploadState, FormData>(uploadTarget, {});
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-5">
      <div>
        <label htmlFor="file" className="label">Data file</label>
        <input id="file" name="file" type="file" required accept=".csv,.tsv,.tab,.jsonl,.ndjson,.json,.parquet" className="block text-sm" />
        <p className="mt-1 text-xs text-zinc-500">CSV, TSV, JSON Lines or Parquet, UTF-8, up to {maxMb} MB. One row per example: text column(s) and a label.</p>
        <Error state={state} field="file" />
      </div>
      <div>
        <label htmlFor="name" className="label">Dataset name</label>
        <input id="name" name="name" className="input" placeholder="my-target (default: the file name)" defaultValue={v.name} />
        <Error state={state} field="name" />
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="label">Columns (leave empty to detect)</legend>
        <div>
          <label htmlFor="text_columns" className="text-xs text-zinc-600">Text column(s), comma-separated</label>
          <input id="text_columns" name="text_columns" className="input" placeholder="detected" defaultValue={v.text_columns} />
        </div>
        <div>
          <label htmlFor="label_column" className="text-xs text-zinc-600">Label column</label>
          <input id="label_column" name="label_column" className="input" placeholder="detected" defaultValue={v.label_column} />
        </div>
        <div>
          <label htmlFor="task_type" className="text-xs text-zinc-600">Task type</label>
          <select id="task_type" name="task_type" className="input" defaultValue={v.task_type ?? ""}>
            <option value="">detect</option>
            <option value="classification">classification</option>
            <option value="regression">regression</option>
          </select>
        </div>
      </fieldset>
      <Error state={state} field="columns" />
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="num_examples" className="label">Examples to rank with</label>
          <input id="num_examples" name="num_examples" type="number" min={1} className="input" defaultValue={v.num_examples || "1000"} />
          <p className="mt-1 text-xs text-zinc-500">Sampled with seed 42, as in the paper.</p>
        </div>
        <div>
          <label htmlFor="language" className="label">Language</label>
          <input id="language" name="language" className="input" placeholder="en" defaultValue={v.language} />
        </div>
      </div>
      <div>
        <label htmlFor="description" className="label">Description</label>
        <textarea id="description" name="description" rows={2} className="input h-auto py-2" defaultValue={v.description} />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Uploading…" : "Upload target dataset"}
      </button>
    </form>
  );
}
