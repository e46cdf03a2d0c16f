/** Labels every Mercato object carries; `app.kubernetes.io/name` is the service and selects its pods. */
export function labels(service?: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'mercato', ...(service ? { 'app.kubernetes.io/name': service } : {}) };
}

/** The selector of one service's pods. */
export function podsOf(service: string): { matchLabels: Record<string, string> } {
  return { matchLabels: { 'app.kubernetes.io/name': service } };
}

/** The name of the ConfigMap every service reads its common settings from. */
export const CONFIG_MAP = 'mercato';

/** Secrets the environment provides (created by the operator or an external secrets controller, never generated). */
export const secrets = {
  /** Per service with a database: `url` (primary) and, optionally, `read-url` (read replica). */
  database: (service: string) => `mercato-${service}-database`,
  /** `url`: the AMQP URL of the broker, with credentials and vhost. */
  broker: 'mercato-broker',
  /** `admin-password`, `cookie-keys`: identity's bootstrap secrets. */
  identity: 'mercato-identity',
  /** The TLS certificate of the public host. */
  tls: 'mercato-tls',
} as const;
