// Next.js calls register() once when the server starts: start the ranking worker beside it (Node runtime only).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobThread } = await import("./lib/jobs/thread-host");
  startJobThread();
}
