/** Polls until `check` returns true, or throws once `timeoutMs` has passed. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not reached within ${timeoutMs} ms`);
}
