import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * The Python of the reference stack (scripts/ci/reference-venv.sh builds it; `npm test` does so first), or
 * ESMHUB_REFERENCE_PYTHON. Tests that compare against the reference fail, never skip, when it is missing.
 */
export function referencePython(): string {
  const forced = process.env.ESMHUB_REFERENCE_PYTHON;
  const python = forced || path.join(root, ".venv-ref", "bin", "python");
  if (!existsSync(python)) throw new Error(`reference Python not found at ${python}: run bash scripts/ci/reference-venv.sh`);
  return python;
}

/** Runs scripts/reference/<script> with `input` as JSON on stdin (and `env` added) and returns its JSON stdout. */
export function runReference<T>(script: string, input: unknown, env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(referencePython(), [path.join(root, "scripts", "reference", script)], {
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", PYTHONHASHSEED: "0", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    // A string decoder per stream: a multibyte character split across two pipe reads must not become U+FFFD.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (s: string) => (out += s));
    child.stderr.on("data", (s: string) => (err += s));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${err.slice(-4000)}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${out.slice(0, 500)} ${err.slice(-2000)}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}
