import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM-backed packages must stay outside the server bundle.
  serverExternalPackages: ["onnxruntime-node", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@huggingface/tokenizers"],
  poweredByHeader: false,
  experimental: { serverActions: { bodySizeLimit: "64mb" } },
};

export default nextConfig;
