/** "Use this ESM" snippets: generated text, so each is a pure function with an exact-string test. */

export interface SnippetInput {
  /** owner/name */
  repoId: string;
  /** This hub's origin, e.g. https://esmhub.example.org (no trailing slash). */
  origin: string;
}

export interface Snippet {
  id: "typescript" | "python" | "curl";
  label: string;
  language: string;
  code: string;
}

function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, "");
}

export function typescriptSnippet({ repoId, origin }: SnippetInput): string {
  return `import { downloadFile } from "@huggingface/hub";

const hubUrl = ${JSON.stringify(trimOrigin(origin))};
const repo = { type: "model", name: ${JSON.stringify(repoId)} } as const;

const config = await (await downloadFile({ repo, path: "config.json", hubUrl }))?.json();
const weights = await (await downloadFile({ repo, path: "model.safetensors", hubUrl }))?.arrayBuffer();
`;
}

export function pythonSnippet({ repoId, origin }: SnippetInput): string {
  return `# pip install hfselect
import os
os.environ["HF_ENDPOINT"] = ${JSON.stringify(trimOrigin(origin))}  # set before importing hfselect

from hfselect import ESM

esm = ESM.from_pretrained(${JSON.stringify(repoId)})
`;
}

export function curlSnippet({ repoId, origin }: SnippetInput): string {
  const base = `${trimOrigin(origin)}/${repoId}/resolve/main`;
  return `curl -L -o config.json ${base}/config.json
curl -L -o model.safetensors ${base}/model.safetensors
`;
}

export function usageSnippets(input: SnippetInput): Snippet[] {
  return [
    { id: "typescript", label: "TypeScript", language: "ts", code: typescriptSnippet(input) },
    { id: "python", label: "Python", language: "python", code: pythonSnippet(input) },
    { id: "curl", label: "curl", language: "bash", code: curlSnippet(input) },
  ];
}
