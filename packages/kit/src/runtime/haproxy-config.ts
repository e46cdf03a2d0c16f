/** One load-balanced service: where HAProxy listens for it and the replicas behind it. */
export interface BalancedService {
  name: string;
  /** `host:port` HAProxy binds for this service (none: reached only through the TLS edge). */
  bind?: string;
  /** `host:port` of each replica. */
  servers?: readonly string[];
  /** Replicas found through DNS instead: up to `slots` addresses behind `address` (`host:port`). */
  discover?: { address: string; slots: number };
}

/** How HAProxy is laid out: the services, an optional stats listener, an optional TLS edge. */
export interface HaproxyLayout {
  services: readonly BalancedService[];
  /** `host:port` of the stats page (`/stats`, `/stats;csv`). */
  stats?: string;
  /** Health check path of every server. */
  healthPath?: string;
  /** Milliseconds between health checks (faster while a server is changing state). */
  checkIntervalMs?: number;
  /** Terminates TLS on `bind` for the given service with this PEM (certificate + key); plain HTTP on `redirect` goes there. */
  tls?: { service: string; bind: string; pem: string; redirect?: string };
  /** The DNS server `discover` entries are resolved with (`host:port`). */
  nameserver?: string;
}

/**
 * Renders an HAProxy configuration: round-robin over health-checked replicas, no sticky sessions.
 * A request that could not be delivered (refused connection) or whose connection died before any
 * answer is retried on another replica, the latter only for idempotent requests (safe methods, or
 * a request carrying an Idempotency-Key), the same rule the kit's client follows.
 */
export function renderHaproxyConfig(layout: HaproxyLayout): string {
  const interval = layout.checkIntervalMs ?? 1000;
  const lines = [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  option httplog',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-request 10s',
    '  timeout http-keep-alive 10s',
    '  retries 3',
    // Every retry goes to another server, not the one that just failed.
    '  option redispatch 1',
    '  retry-on conn-failure empty-response junk-response',
    `  default-server check inter ${interval}ms fastinter ${Math.max(100, interval / 4)}ms downinter ${interval}ms rise 1 fall 2 observe layer4 error-limit 1 on-error mark-down`,
    '',
  ];
  if (layout.nameserver) lines.push('resolvers dns', `  nameserver dns ${layout.nameserver}`, '  hold valid 5s', '');
  if (layout.stats) {
    lines.push('frontend stats', `  bind ${layout.stats}`, '  stats enable', '  stats uri /stats', '  stats refresh 5s', '  http-request use-service prometheus-exporter if { path /metrics }', '');
  }
  if (layout.tls) {
    lines.push('frontend edge', `  bind ${layout.tls.bind} ssl crt ${layout.tls.pem} alpn h2,http/1.1`);
    lines.push('  http-request set-header X-Forwarded-Proto https', '  option forwardfor', '  http-response set-header Strict-Transport-Security "max-age=31536000"');
    lines.push(`  default_backend ${layout.tls.service}`, '');
    if (layout.tls.redirect) lines.push('frontend edge_http', `  bind ${layout.tls.redirect}`, '  http-request redirect scheme https code 301', '');
  }
  for (const service of layout.services) {
    if (service.bind) lines.push(`frontend ${service.name}`, `  bind ${service.bind}`, `  default_backend ${service.name}`, '');
    lines.push(`backend ${service.name}`, '  balance roundrobin');
    lines.push(`  option httpchk`, `  http-check send meth GET uri ${layout.healthPath ?? '/health/ready'}`, '  http-check expect status 200');
    lines.push('  acl idempotent method GET HEAD OPTIONS', '  acl idempotency_key req.hdr(idempotency-key) -m found');
    lines.push('  http-request disable-l7-retry unless idempotent || idempotency_key');
    (service.servers ?? []).forEach((server, index) => lines.push(`  server ${service.name}-${index} ${server}`));
    if (service.discover) {
      if (!layout.nameserver) throw new Error(`${service.name}: discovering replicas through DNS needs a nameserver`);
      lines.push(`  server-template ${service.name}- ${service.discover.slots} ${service.discover.address} resolvers dns init-addr none`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
