/**
 * Security headers for every page and API response (next.config.ts `headers()`; the Hub API, served outside
 * Next.js by lib/hub-api, can send the same list).
 */
export function contentSecurityPolicy(dev = false): string {
  return [
    "default-src 'self'",
    // 'unsafe-inline' is unavoidable without a per-request nonce: the App Router streams its RSC payload and
    // bootstrap as inline <script> tags. A nonce would need a proxy (middleware) on every request and would force
    // every page to render dynamically (a prerendered page has no nonce, so its scripts would be blocked).
    // Inline scripts still cannot load code from other origins. Dev mode (React Refresh) also needs eval.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes, and model cards are Markdown; neither can run code.
    "style-src 'self' 'unsafe-inline'",
    // Model cards may show images hosted elsewhere, as on the Hugging Face Hub.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // GitHub sign-in posts to next-auth, which redirects to github.com.
    "form-action 'self' https://github.com",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(dev = false): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  ];
}
