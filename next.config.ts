import type { NextConfig } from "next";
import { securityHeaders } from "./lib/auth/security-headers";

const nextConfig: NextConfig = {
  // Native and WASM-backed packages must stay outside the server bundle.
  serverExternalPackages: ["onnxruntime-node", "better-sqlite3", "@prisma/adapter-better-sqlite3", "koffi", "pg", "@huggingface/tokenizers"],
  poweredByHeader: false,
  // authInterrupts: forbidden() answers HTTP 403 with app/forbidden.tsx.
  experimental: { serverActions: { bodySizeLimit: "64mb" }, authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV !== "production") }];
  },
};

export default nextConfig;
