import { describe, expect, it } from "vitest";
import { applyMetadataEdits, pickEsmFiles } from "./upload-files";

const b = (s: string) => new TextEncoder().encode(s);

describe("pickEsmFiles", () => {
  it("finds the ESM files inside a folder or zip and reports the rest", () => {
    const picked = pickEsmFiles([
      { path: "esm/config.json", content: b("{}") },
      { path: "esm/model.safetensors", content: b("w") },
      { path: "esm/train_info.json", content: b("{}") },
      { path: "esm/.DS_Store", content: b("") },
      { path: "__MACOSX/esm/._config.json", content: b("") },
    ]);
    expect(picked.files.map((f) => f.path)).toEqual(["config.json", "model.safetensors"]);
    expect(picked.missing).toEqual([]);
    expect(picked.ignored).toEqual(["esm/train_info.json"]);
  });
  it("prefers the shallowest copy and names what is missing", () => {
    const picked = pickEsmFiles([
      { path: "a/b/README.md", content: b("deep") },
      { path: "README.md", content: b("top") },
    ]);
    expect(picked.files).toEqual([{ path: "README.md", content: b("top") }]);
    expect(picked.missing).toEqual(["config.json", "model.safetensors"]);
    expect(picked.ignored).toEqual(["a/b/README.md"]);
  });
});

describe("applyMetadataEdits", () => {
  const original = '{"base_model_name":"m","task_id":"t","language":"en"}';
  it("keeps the original bytes when nothing changed", () => {
    expect(applyMetadataEdits(original, { language: "en", taskType: "unknown" })).toBe(original);
  });
  it("writes changed fields and removes an unknown task type", () => {
    const edited = JSON.parse(applyMetadataEdits(original, { language: "de", taskType: "regression" }));
    expect(edited).toEqual({ base_model_name: "m", task_id: "t", language: "de", task_type: "regression" });
    const back = JSON.parse(applyMetadataEdits(JSON.stringify(edited), { taskType: "unknown" }));
    expect(back.task_type).toBeUndefined();
    expect(JSON.parse(applyMetadataEdits(original, { language: " " })).language).toBeNull();
  });
});
