"use client";

import { unzipSync } from "fflate";
import { useMemo, useRef, useState } from "react";
import { parseEsmConfig } from "@/lib/esm/config";
import { EsmFormatError } from "@/lib/esm/errors";
import { esmModelCard } from "@/lib/esm/model-card";
import { readSafetensors } from "@/lib/esm/safetensors";
import { validateEsm, type ValidEsm } from "@/lib/esm/validate";
import { nameProblem } from "@/lib/registry/names";
import { suggestedRepoName } from "@/lib/site/esm-view";
import { formatBytes } from "@/lib/site/format";
import { applyMetadataEdits, MAX_UPLOAD_BYTES, pickEsmFiles, totalBytes, type UploadEntry } from "@/lib/site/upload-files";

type Phase = { kind: "idle" } | { kind: "uploading"; loaded: number; total: number } | { kind: "committing" } | { kind: "done"; url: string };

interface Checked {
  files: UploadEntry[];
  ignored: string[];
  problems: string[];
  valid: ValidEsm | null;
  tensors: { name: string; dtype: string; shape: number[] }[];
  configText: string | null;
}

async function readEntry(entry: FileSystemEntry, prefix = ""): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [new File([file], prefix + file.name)];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const out: File[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) out.push(...(await readEntry(child, `${prefix}${entry.name}/`)));
  }
  return out;
}

/** Dropped or picked files as repo-relative entries; zips are unpacked in the browser. */
async function toEntries(files: File[]): Promise<UploadEntry[]> {
  const out: UploadEntry[] = [];
  for (const f of files) {
    const content = new Uint8Array(await f.arrayBuffer());
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (/\.zip$/i.test(f.name)) {
      for (const [name, bytes] of Object.entries(unzipSync(content))) if (!name.endsWith("/")) out.push({ path: name, content: bytes });
    } else {
      out.push({ path, content });
    }
  }
  return out;
}

function check(entries: UploadEntry[], knownBaseModels: Record<string, number>): Checked {
  const picked = pickEsmFiles(entries);
  const problems = picked.missing.map((m) => `${m} is missing: drop both config.json and model.safetensors (or a folder / zip holding them)`);
  const size = totalBytes(picked.files);
  if (size > MAX_UPLOAD_BYTES) problems.push(`the files add up to ${formatBytes(size)}; the limit is ${formatBytes(MAX_UPLOAD_BYTES)}`);
  const config = picked.files.find((f) => f.path === "config.json");
  const weights = picked.files.find((f) => f.path === "model.safetensors");
  let valid: ValidEsm | null = null;
  let tensors: Checked["tensors"] = [];
  if (weights) {
    try {
      tensors = [...readSafetensors(weights.content).tensors].map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape }));
    } catch {
      // validateEsm below reports the same problem with its message
    }
  }
  if (config && weights) {
    try {
      valid = validateEsm(config.content, weights.content, { knownBaseModels });
    } catch (err) {
      problems.push(...(err instanceof EsmFormatError ? err.problems : [(err as Error).message]));
    }
  }
  return { files: picked.files, ignored: picked.ignored, problems, valid, tensors, configText: config ? new TextDecoder().decode(config.content) : null };
}

function ProblemList({ title, problems }: { title: string; problems: string[] }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <p className="font-semibold">{title}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

export function Uploader({ owner, knownBaseModels }: { owner: string; knownBaseModels: Record<string, number> }) {
  const [checked, setChecked] = useState<Checked | null>(null);
  const [dragging, setDragging] = useState(false);
  const [name, setName] = useState("");
  const [taskType, setTaskType] = useState<"classification" | "regression" | "unknown">("unknown");
  const [language, setLanguage] = useState("");
  const [card, setCard] = useState("");
  const [message, setMessage] = useState("Upload ESM");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [serverProblems, setServerProblems] = useState<string[] | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const nameError = name ? nameProblem(name, "name") : null;
  const busy = phase.kind === "uploading" || phase.kind === "committing";

  async function accept(files: File[]) {
    setServerProblems(null);
    setPhase({ kind: "idle" });
    const result = check(await toEntries(files), knownBaseModels);
    setChecked(result);
    if (result.valid) {
      const c = result.valid.config;
      setName(suggestedRepoName(c.taskId, c.taskSubset));
      setTaskType(c.taskType ?? "unknown");
      setLanguage(c.language ?? "");
      const readme = result.files.find((f) => f.path === "README.md");
      setCard(readme ? new TextDecoder().decode(readme.content) : esmModelCard(c));
    }
  }

  async function onDrop(e: React.DragEvent) {
    e.preventDefault();
    setDragging(false);
    const items = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => Boolean(x));
    const files = items.length ? (await Promise.all(items.map((entry) => readEntry(entry)))).flat() : [...e.dataTransfer.files];
    await accept(files);
  }

  const ready = Boolean(checked?.valid) && checked!.problems.length === 0 && !nameError && name.length > 0 && !busy && phase.kind !== "done";

  const finalFiles = useMemo(() => {
    if (!checked?.valid || !checked.configText) return null;
    const config = applyMetadataEdits(checked.configText, { taskType, language });
    const out = checked.files.filter((f) => f.path !== "config.json" && f.path !== "README.md");
    out.unshift({ path: "config.json", content: new TextEncoder().encode(config) });
    if (card.trim()) out.push({ path: "README.md", content: new TextEncoder().encode(card) });
    return out;
  }, [checked, taskType, language, card]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!ready || !finalFiles) return;
    setServerProblems(null);
    const form = new FormData();
    form.set("name", name);
    form.set("message", message);
    for (const f of finalFiles) form.append("files", new Blob([f.content as BlobPart]), f.path);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/upload");
    xhr.responseType = "json";
    xhr.upload.onprogress = (ev) => setPhase({ kind: "uploading", loaded: ev.loaded, total: ev.lengthComputable ? ev.total : totalBytes(finalFiles) });
    xhr.upload.onload = () => setPhase({ kind: "committing" });
    xhr.onload = () => {
      const body = xhr.response as { url?: string; error?: string; problems?: string[] } | null;
      if (xhr.status === 201 && body?.url) {
        setPhase({ kind: "done", url: body.url });
        window.location.assign(body.url);
      } else {
        setPhase({ kind: "idle" });
        setServerProblems(body?.problems?.length ? body.problems : [body?.error ?? `upload failed (HTTP ${xhr.status})`]);
      }
    };
    xhr.onerror = () => {
      setPhase({ kind: "idle" });
      setServerProblems(["the connection failed during the upload; nothing was stored, try again"]);
    };
    setPhase({ kind: "uploading", loaded: 0, total: totalBytes(finalFiles) });
    xhr.send(form);
  }

  const percent = phase.kind === "uploading" ? Math.round((100 * phase.loaded) / Math.max(1, phase.total)) : phase.kind === "idle" ? 0 : 100;
  const config = checked?.valid?.config;
  const weights = checked?.valid?.weights;

  return (
    <form onSubmit={submit} className="space-y-8">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
        className={`rounded-xl border-2 border-dashed p-8 text-center transition-colors ${dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-zinc-300 dark:border-zinc-700"}`}
      >
        <p className="font-medium">Drop config.json and model.safetensors here</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">…or a folder, or a .zip holding them. A README.md is used as the model card. Everything is checked in your browser before upload.</p>
        <div className="mt-4 flex flex-wrap justify-center gap-3">
          <button type="button" className="btn-secondary" onClick={() => fileInput.current?.click()}>
            Choose files
          </button>
          <button type="button" className="btn-secondary" onClick={() => folderInput.current?.click()}>
            Choose a folder
          </button>
        </div>
        <label htmlFor="esm-files" className="sr-only">
          ESM files
        </label>
        <input id="esm-files" ref={fileInput} type="file" multiple accept=".json,.safetensors,.md,.zip" className="sr-only" tabIndex={-1} onChange={(e) => e.target.files && accept([...e.target.files])} />
        <input
          ref={folderInput}
          type="file"
          className="hidden"
          tabIndex={-1}
          onChange={(e) => e.target.files && accept([...e.target.files])}
          {...({ webkitdirectory: "", directory: "" } as Record<string, string>)}
        />
      </div>

      {checked && checked.problems.length > 0 && <ProblemList title="This is not a valid ESM yet. Nothing has been uploaded." problems={checked.problems} />}
      {checked && checked.ignored.length > 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Not uploaded (not part of an ESM repo): {checked.ignored.join(", ")}</p>
      )}

      {checked && checked.files.length > 0 && (
        <section aria-labelledby="checked-files" className="grid gap-6 md:grid-cols-2">
          <div>
            <h2 id="checked-files" className="mb-2 text-sm font-semibold">Files</h2>
            <ul className="card divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
              {checked.files.map((f) => (
                <li key={f.path} className="flex justify-between px-3 py-1.5">
                  <span className="font-mono text-xs">{f.path}</span>
                  <span className="tabular-nums text-zinc-500">{formatBytes(f.content.length)}</span>
                </li>
              ))}
            </ul>
          </div>
          {checked.tensors.length > 0 && (
            <div>
              <h2 className="mb-2 text-sm font-semibold">
                Tensors {weights && <span className="font-normal text-zinc-500">· D = {weights.dim}{weights.legacy ? " · legacy sequential.0.* names" : ""}</span>}
              </h2>
              <ul className="card divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
                {checked.tensors.map((t) => (
                  <li key={t.name} className="flex justify-between px-3 py-1.5 font-mono text-xs">
                    <span>{t.name}</span>
                    <span className="text-zinc-500">
                      {t.dtype} [{t.shape.join(", ")}]
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}

      {config && (
        <section aria-labelledby="meta" className="space-y-5">
          <h2 id="meta" className="text-lg font-semibold">Repository and metadata</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <label htmlFor="repo-name" className="label">
                Repository name
              </label>
              <div className="flex items-center gap-1">
                <span className="font-mono text-sm text-zinc-500">{owner}/</span>
                <input
                  id="repo-name"
                  value={name}
                  onChange={(e) => setName(e.target.value.trim())}
                  aria-invalid={nameError ? true : undefined}
                  aria-describedby="repo-name-help"
                  className="input font-mono"
                />
              </div>
              <p id="repo-name-help" className={`mt-1 text-xs ${nameError ? "text-red-700 dark:text-red-400" : "text-zinc-500"}`}>
                {nameError ?? "Letters, digits, -, _ and . — the convention is ESM_<dataset>_<subset>."}
              </p>
            </div>
            <ReadOnly label="Base model" value={config.baseModelName} />
            <ReadOnly label="Source dataset (task_id)" value={config.taskId} />
            <ReadOnly label="Subset / split" value={`${config.taskSubset ?? "—"} / ${config.taskSplit ?? "—"}`} />
            <ReadOnly label="Text / label columns" value={`${config.textColumns.join(", ") || "—"} / ${config.labelColumn ?? "—"}`} />
            <div>
              <label htmlFor="task-type" className="label">
                Task type
              </label>
              <select id="task-type" value={taskType} onChange={(e) => setTaskType(e.target.value as typeof taskType)} className="input">
                <option value="unknown">unknown</option>
                <option value="classification">classification</option>
                <option value="regression">regression</option>
              </select>
            </div>
            <div>
              <label htmlFor="language" className="label">
                Language
              </label>
              <input id="language" value={language} onChange={(e) => setLanguage(e.target.value)} placeholder="e.g. en" className="input" />
            </div>
          </div>
          <div>
            <label htmlFor="card" className="label">
              Model card (README.md)
            </label>
            <textarea id="card" value={card} onChange={(e) => setCard(e.target.value)} rows={12} spellCheck={false} className="input h-auto py-2 font-mono text-xs" />
          </div>
          <div>
            <label htmlFor="commit-message" className="label">
              Commit message
            </label>
            <input id="commit-message" value={message} onChange={(e) => setMessage(e.target.value)} className="input" />
          </div>
        </section>
      )}

      {serverProblems && <ProblemList title="The hub refused the upload. Nothing was stored." problems={serverProblems} />}

      {phase.kind !== "idle" && (
        <div>
          <div className="flex justify-between text-sm">
            <span>{phase.kind === "uploading" ? "Uploading…" : phase.kind === "committing" ? "Validating and committing…" : "Published — opening the ESM page…"}</span>
            <span className="tabular-nums">{percent}%</span>
          </div>
          <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
            <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}

      <button type="submit" className="btn-primary" disabled={!ready}>
        Publish ESM
      </button>
    </form>
  );
}

function ReadOnly({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <p className="label">{label}</p>
      <p className="flex h-9 items-center truncate rounded-md bg-zinc-50 px-3 font-mono text-xs dark:bg-zinc-900" title={value}>
        {value}
      </p>
    </div>
  );
}
