import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM-backed packages must stay outside the server bundle.
  serverExternalPackages: ["onnxruntime-node", "@libsql/client", "libsql", "@prisma/adapter-libsql", "pg", "@huggingface/tokenizers"],
  poweredByHeader: false,
  experimental: { serverActions: { bodySizeLimit: "64mb" } },
};

export default nextConfig;
