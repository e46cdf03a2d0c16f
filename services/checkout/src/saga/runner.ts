import { ProblemError } from '@mercato/kit';
import type { CheckoutConfig } from '../config.ts';
import type { Checkout, Failure, SagaData, Secrets } from '../domain/checkout.ts';
import { COMPENSATIONS, nextCompensation, nextStep, pastPivot, STEPS, type Compensation, type Step } from '../domain/steps.ts';
import { checkoutErrors } from '../errors.ts';
import { publishOutcome } from '../events/checkout-events.ts';
import { dropLease, findCheckout, renewLease, saveProgress, type Progress } from '../store/checkouts.store.ts';
import type { CheckoutContext } from '../store/context.ts';
import { compensations } from './compensate.ts';
import { Abandoned, crashPoint } from './crash.ts';
import { failure, SagaFailure, upstreamFailure } from './failures.ts';
import { forwardSteps } from './forward.ts';
import type { Participants } from './participants.ts';
import { isTransient } from './remote.ts';

/** This instance no longer holds the saga's lease: another one drives it now. */
class LeaseLost extends Error {}
/** The service is shutting down: the saga is left for the recovery loop (of this or another instance). */
class Stopping extends Error {}

/** Transient failures in a row before this run leaves the saga to the recovery loop. */
const MAX_RETRIES = 5;

const isStep = (position: string): position is Step => (STEPS as readonly string[]).includes(position);
const isCompensation = (position: string): position is Compensation => (COMPENSATIONS as readonly string[]).includes(position);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives sagas step by step. Each step's outcome is committed (with the lease renewed) before the
 * next step starts, so a crash loses at most the step in flight, which is then repeated: every
 * remote call of a step is idempotent (Idempotency-Key from checkout id and step, natural
 * references). Before the pivot (`place`) a definitive failure or the deadline rolls the saga
 * back; from the pivot on it is only retried.
 */
export class SagaRunner {
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();
  /** Sagas this instance is driving now (the recovery loop may claim one whose step outlived the lease). */
  private readonly driving = new Set<string>();

  constructor(
    private readonly ctx: CheckoutContext,
    private readonly config: CheckoutConfig,
    private readonly participants: Participants,
    readonly instanceId: string,
  ) {}

  /** Drives the saga until it finishes, this instance loses or gives up its lease, or the service stops. */
  drive(id: string, secrets: Secrets = {}): Promise<Checkout> {
    if (this.driving.has(id)) return findCheckout(this.ctx.db, id).then((c) => c!);
    this.driving.add(id);
    const run = this.loop(id, secrets);
    this.running.add(run);
    return run.finally(() => {
      this.running.delete(run);
      this.driving.delete(id);
    });
  }

  /** Stops driving (sagas in flight keep their state and are resumed by a recovery loop). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  private async loop(id: string, secrets: Secrets): Promise<Checkout> {
    let checkout = (await findCheckout(this.ctx.db, id))!;
    let retries = 0;
    while (checkout.status === 'processing' || checkout.status === 'compensating') {
      if (checkout.leaseOwner !== this.instanceId) return checkout;
      try {
        if (this.stopping) throw new Stopping();
        checkout = checkout.status === 'processing' ? await this.forward(checkout, secrets) : await this.compensate(checkout);
        retries = 0;
      } catch (error) {
        if (error instanceof Stopping) await dropLease(this.ctx.db, id, this.instanceId, 0);
        if (error instanceof LeaseLost || error instanceof Abandoned || error instanceof Stopping) return (await findCheckout(this.ctx.db, id))!;
        const current = (await findCheckout(this.ctx.db, id))!;
        if (current.leaseOwner !== this.instanceId) return current;
        const rollback = this.rollbackFor(current, error);
        if (rollback) {
          checkout = await this.beginCompensation(current, rollback);
          continue;
        }
        this.ctx.log.warn({ err: error, checkoutId: id, step: current.step }, 'checkout step failed; retrying');
        if (++retries >= MAX_RETRIES) {
          await dropLease(this.ctx.db, id, this.instanceId, this.config.CHECKOUT_RECOVERY_MS);
          return current;
        }
        await sleep(Math.min(25 * 2 ** retries, 1000));
        checkout = current;
      }
    }
    return checkout;
  }

  /** Why a failed step rolls the saga back, or undefined when it is retried. */
  private rollbackFor(checkout: Checkout, error: unknown): Failure | undefined {
    if (checkout.status !== 'processing' || !isStep(checkout.step)) return undefined;
    if (error instanceof SagaFailure) return error.failure;
    if (pastPivot(checkout.step)) return undefined;
    if (error instanceof ProblemError && !isTransient(error)) return upstreamFailure(error).failure;
    if (Date.now() >= checkout.deadline.getTime()) return this.timeoutFailure(checkout.step);
    return undefined;
  }

  private timeoutFailure(step: Step): Failure {
    const spec = step === 'authorize' ? checkoutErrors.paymentTimeout : checkoutErrors.checkoutTimeout;
    return failure(spec, `The checkout did not get past ${step} before its deadline`).failure;
  }

  private async forward(checkout: Checkout, secrets: Secrets): Promise<Checkout> {
    const step = checkout.step as Step;
    if (!pastPivot(step) && Date.now() >= checkout.deadline.getTime()) return this.beginCompensation(checkout, this.timeoutFailure(step));
    let current = checkout;
    const data = await forwardSteps[step]({
      checkout,
      secrets,
      participants: this.participants,
      save: async (partial) => {
        current = await this.save(current, { status: 'processing', step, data: partial });
      },
      pause: async () => {
        if (this.stopping) throw new Stopping();
        if (Date.now() >= checkout.deadline.getTime()) return false;
        await sleep(this.config.CHECKOUT_POLL_MS);
        if (!(await renewLease(this.ctx.db, checkout.id, this.instanceId, this.config.CHECKOUT_LEASE_MS))) throw new LeaseLost();
        return true;
      },
      keepLease: async () => {
        if (!(await renewLease(this.ctx.db, checkout.id, this.instanceId, this.config.CHECKOUT_LEASE_MS))) throw new LeaseLost();
      },
    }).catch(async (error) => {
      if (error instanceof LeaseLost && step === 'authorize') await this.voidIfRolledBack(checkout.id);
      throw error;
    });
    const next = nextStep(step);
    const saved = next === 'done' ? await this.finish(current, { status: 'completed', step: 'done', data }) : await this.save(current, { status: 'processing', step: next, data });
    await crashPoint(this.config, step);
    return saved;
  }

  /**
   * This instance authorized while another took the saga over (a call that outlived the lease):
   * if that one has already rolled back without finding the intent, the authorization must not survive.
   */
  private async voidIfRolledBack(id: string): Promise<void> {
    const current = await findCheckout(this.ctx.db, id);
    if (!current || current.status === 'processing' || current.status === 'completed') return;
    const intent = await this.participants.intentOf(id).catch(() => undefined);
    if (intent) await this.participants.voidIntent(id, intent.id).catch((err) => this.ctx.log.error({ err, checkoutId: id, intentId: intent.id }, 'could not void an authorization of a rolled-back checkout'));
  }

  private async beginCompensation(checkout: Checkout, why: Failure): Promise<Checkout> {
    const reached = isStep(checkout.step) ? checkout.step : (checkout.data.reached ?? 'validate');
    this.ctx.log.info({ checkoutId: checkout.id, step: reached, failure: why.code }, 'checkout failed; compensating');
    return this.save(checkout, { status: 'compensating', step: COMPENSATIONS[0], data: { ...checkout.data, failure: why, reached } });
  }

  private async compensate(checkout: Checkout): Promise<Checkout> {
    const step = checkout.step;
    if (!isCompensation(step)) throw new Error(`checkout ${checkout.id} is compensating at ${step}`);
    const data = await compensations[step]({ checkout, reachedStep: checkout.data.reached ?? 'validate', participants: this.participants });
    const next = nextCompensation(step);
    const clean: SagaData = data.warnings?.length ? data : (({ warnings: _w, ...rest }) => rest)(data);
    const saved = next === 'done' ? await this.finish(checkout, { status: 'failed', step: 'done', data: clean }) : await this.save(checkout, { status: 'compensating', step: next, data: clean });
    await crashPoint(this.config, step);
    return saved;
  }

  private async save(checkout: Checkout, progress: Progress): Promise<Checkout> {
    const saved = await saveProgress(this.ctx.db, checkout.id, this.instanceId, this.config.CHECKOUT_LEASE_MS, progress);
    if (!saved) throw new LeaseLost();
    return saved;
  }

  /** The final write and its event, in one transaction (outbox). */
  private async finish(checkout: Checkout, progress: Progress): Promise<Checkout> {
    return this.ctx.db.transaction().execute(async (tx) => {
      const saved = await saveProgress(tx, checkout.id, this.instanceId, this.config.CHECKOUT_LEASE_MS, progress);
      if (!saved) throw new LeaseLost();
      await publishOutcome(this.ctx, tx, saved);
      return saved;
    });
  }
}
