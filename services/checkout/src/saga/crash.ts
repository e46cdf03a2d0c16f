import type { CheckoutConfig } from '../config.ts';

/** Thrown in `abandon` mode: this instance stops driving the saga, as if it had died. */
export class Abandoned extends Error {}

/**
 * Fault injection for crash tests (docs/reference/checkout.md): with CHECKOUT_CRASH_AFTER=<step>,
 * the process is SIGKILLed right after that step's state was committed — no cleanup, no lease
 * released, exactly like a crash. Without the variable this does nothing.
 */
export async function crashPoint(config: CheckoutConfig, step: string): Promise<void> {
  if (config.CHECKOUT_CRASH_AFTER !== step) return;
  if (config.CHECKOUT_CRASH_MODE === 'abandon') throw new Abandoned(`abandoned after ${step}`);
  process.kill(process.pid, 'SIGKILL');
  await new Promise(() => {}); // the signal is delivered asynchronously: never go on meanwhile
}
