import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { activeKeys, type SigningKey } from '../store/signing-keys.store.ts';
import { createProvider, type ProviderDeps } from './provider-factory.ts';

type Callback = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The current provider instance with its node callback and signing key. */
export interface ProviderInstance {
  provider: Provider;
  callback: Callback;
  signingKey: SigningKey;
}

/**
 * Holds the OpenID provider. oidc-provider fixes its keystore at construction, so a key rotation
 * means a new instance; all state lives in PostgreSQL, so swapping instances loses nothing. Replicas
 * notice a rotation made elsewhere by checking the key list every `reloadMs`.
 */
export class ProviderHost {
  private instance: ProviderInstance | undefined;
  private version = '';
  private checkedAt = 0;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly deps: ProviderDeps,
    private readonly reloadMs: number,
  ) {}

  /** The provider to answer with, rebuilt first if the keys changed (one check for concurrent callers). */
  async current(): Promise<ProviderInstance> {
    if (!this.instance || Date.now() - this.checkedAt > this.reloadMs) {
      await (this.checking ??= this.load().finally(() => (this.checking = undefined)));
    }
    return this.instance!;
  }

  /** Re-reads the keys now (after a rotation here), never reusing a check that began before it. */
  async reload(): Promise<void> {
    await this.checking?.catch(() => undefined);
    await this.load();
  }

  private async load(): Promise<void> {
    const keys = await activeKeys(this.deps.db);
    if (keys.length === 0) throw new Error('identity has no signing key');
    const version = keys.map((k) => k.kid).join(',');
    if (version !== this.version || !this.instance) {
      const provider = createProvider(this.deps, keys);
      this.instance = { provider, callback: provider.callback() as unknown as Callback, signingKey: keys[0]! };
      this.version = version;
    }
    this.checkedAt = Date.now();
  }
}
