import { fileURLToPath } from 'node:url';

/**
 * How one service process starts: `node --import tsx <entry>`. The `processes` topology spawns
 * exactly this, and the container image's ENTRYPOINT is the same command (the image generator
 * reads it from here), so the tests that run `processes` exercise what containers run.
 */
export const SERVICE_NODE_ARGS = ['--import', 'tsx'] as const;

/** The entry module, relative to the repository root. */
export const SERVICE_ENTRY = 'packages/kit/src/runtime/service-process.ts';

/** The entry module's absolute path in this checkout. */
export const SERVICE_ENTRY_PATH = fileURLToPath(new URL('./service-process.ts', import.meta.url));
