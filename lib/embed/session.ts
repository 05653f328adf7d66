import * as ort from "onnxruntime-node";

export type Device = "cpu" | "cuda";

export function deviceFromEnv(env: NodeJS.ProcessEnv = process.env): Device {
  return env.ESMHUB_DEVICE?.trim().toLowerCase() === "cuda" ? "cuda" : "cpu";
}

const open = (model: string | Uint8Array, options: ort.InferenceSession.SessionOptions) =>
  typeof model === "string" ? ort.InferenceSession.create(model, options) : ort.InferenceSession.create(model, options);

/** An ONNX Runtime session on the wanted device; CUDA that fails to initialise falls back to CPU with a notice. */
export async function createSession(
  model: string | Uint8Array,
  device: Device,
  log: (message: string) => void = (m) => console.warn(m),
): Promise<{ session: ort.InferenceSession; device: Device }> {
  if (device === "cuda") {
    try {
      return { session: await open(model, { executionProviders: ["cuda"], logSeverityLevel: 4 }), device: "cuda" };
    } catch (err) {
      log(`esmhub: CUDA execution provider unavailable (${(err as Error).message.split("\n")[0]}); embedding on CPU`);
    }
  }
  return { session: await open(model, { executionProviders: ["cpu"] }), device: "cpu" };
}

export { ort };
