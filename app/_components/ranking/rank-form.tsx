"use client";

import { useActionState } from "react";
import { startRanking, type RankFormState } from "./actions";

export interface RankFormChoice {
  id: string;
  esms: number;
  unavailable: string | null;
}

export function RankForm({ datasetId, choices, defaultModel }: { datasetId: string; choices: RankFormChoice[]; defaultModel: string }) {
  const [state, action, pending] = useActionState<RankFormState, FormData>(startRanking, {});
  const unavailable = choices.filter((c) => c.unavailable);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="dataset" value={datasetId} />
      <div>
        <label htmlFor="base_model" className="label">
          Base model
        </label>
        <select id="base_model" name="base_model" defaultValue={defaultModel} className="input w-auto min-w-72">
          {choices.map((c) => (
            <option key={c.id} value={c.id} disabled={Boolean(c.unavailable)}>
              {c.id} — {c.esms} ESM{c.esms === 1 ? "" : "s"}{c.unavailable ? " (weights not on this server)" : ""}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="flex items-center gap-4 pb-2 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="logme_baseline" defaultChecked /> LogME baseline
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="textemb" defaultChecked /> TextEmb baseline
        </label>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Starting…" : "Rank my target"}
      </button>
      {state.error && (
        <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {state.error}
        </p>
      )}
      {unavailable.length > 0 && (
        <p className="w-full text-xs text-zinc-500">
          Not available here: {unavailable.map((c) => c.id).join(", ")}: {unavailable[0].unavailable}
        </p>
      )}
    </form>
  );
}
