import { SERVICE_PORT, databaseName, edgeService, upstreams, type DeployedService } from '../model.ts';

/** Images of the infrastructure; the services all run the image built from the repository's Dockerfile. */
const IMAGES = {
  postgres: 'postgres:16-bookworm',
  rabbitmq: 'rabbitmq:3.13-management',
  haproxy: 'haproxy:2.8',
  prometheus: 'prom/prometheus:v2.53.0',
  mercato: 'mercato:local',
} as const;

/** Published on the host: HTTPS (and a redirect from HTTP) at the edge, Prometheus on loopback. */
export const EDGE_PORTS = { https: 8443, http: 8080 } as const;

const POSTGRES_PASSWORD = '${POSTGRES_PASSWORD:-mercato-local}';
const RABBITMQ_PASSWORD = '${RABBITMQ_PASSWORD:-mercato-local}';

/**
 * The local stack: PostgreSQL (one database per service, created on first start), RabbitMQ, every
 * service with a health check, HAProxy terminating TLS in front of the gateway, and Prometheus with
 * the alert rules. Services publish no ports and keep no state, so `--scale catalog=4` works.
 */
export function composeFile(services: readonly DeployedService[]): object {
  const healthy = { condition: 'service_healthy' };
  const check = (test: string[], startPeriod = '30s') => ({ test, interval: '5s', timeout: '3s', retries: 5, start_period: startPeriod });
  const serviceEntries = Object.fromEntries(
    services.map((s) => [
      s.name,
      {
        image: IMAGES.mercato,
        build: { context: '../..', target: 'runtime' },
        restart: 'unless-stopped',
        read_only: true,
        tmpfs: ['/tmp'],
        environment: {
          MERCATO_SERVICE: s.name,
          MERCATO_PUBLIC_URL: `https://localhost:${EDGE_PORTS.https}`,
          MERCATO_UPSTREAMS: upstreams(s, (name) => `http://${name}:${SERVICE_PORT}`),
          MERCATO_SEED: '1',
          ...(s.database ? { MERCATO_DATABASE_URL: `postgres://postgres:${POSTGRES_PASSWORD}@postgres:5432/${databaseName(s.name)}` } : {}),
          ...(s.broker ? { MERCATO_AMQP_URL: `amqp://mercato:${RABBITMQ_PASSWORD}@rabbitmq:5672` } : {}),
          ...(s.name === 'identity' ? { MERCATO_ADMIN_PASSWORD: '${MERCATO_ADMIN_PASSWORD:-change-me-locally}' } : {}),
        },
        depends_on: { ...(s.database ? { postgres: healthy } : {}), ...(s.broker ? { rabbitmq: healthy } : {}) },
        healthcheck: check(['CMD', 'node', '-e', `fetch('http://127.0.0.1:${SERVICE_PORT}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`], '60s'),
        deploy: { replicas: s.replicas },
      },
    ]),
  );
  return {
    services: {
      postgres: {
        image: IMAGES.postgres,
        restart: 'unless-stopped',
        environment: { POSTGRES_PASSWORD },
        volumes: ['postgres-data:/var/lib/postgresql/data', './postgres-init.sql:/docker-entrypoint-initdb.d/mercato.sql:ro'],
        healthcheck: check(['CMD', 'pg_isready', '-U', 'postgres']),
      },
      rabbitmq: {
        image: IMAGES.rabbitmq,
        restart: 'unless-stopped',
        environment: { RABBITMQ_DEFAULT_USER: 'mercato', RABBITMQ_DEFAULT_PASS: RABBITMQ_PASSWORD },
        volumes: ['rabbitmq-data:/var/lib/rabbitmq'],
        healthcheck: check(['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], '60s'),
      },
      tls: { build: { context: '../..', target: 'local-tls' }, volumes: ['tls:/tls'] },
      edge: {
        image: IMAGES.haproxy,
        restart: 'unless-stopped',
        ports: [`${EDGE_PORTS.https}:${EDGE_PORTS.https}`, `${EDGE_PORTS.http}:${EDGE_PORTS.http}`],
        volumes: ['./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro', 'tls:/tls:ro'],
        depends_on: { tls: { condition: 'service_completed_successfully' }, [edgeService(services).name]: healthy },
        healthcheck: check(['CMD', 'haproxy', '-c', '-q', '-f', '/usr/local/etc/haproxy/haproxy.cfg']),
      },
      prometheus: {
        image: IMAGES.prometheus,
        restart: 'unless-stopped',
        command: ['--config.file=/etc/prometheus/prometheus-compose.yml'],
        ports: ['127.0.0.1:9090:9090'],
        volumes: ['../monitoring:/etc/prometheus:ro'],
        healthcheck: check(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9090/-/ready']),
      },
      ...serviceEntries,
    },
    volumes: { 'postgres-data': {}, 'rabbitmq-data': {}, tls: {} },
  };
}

/** Creates each service's database on PostgreSQL's first start (docker-entrypoint-initdb.d). */
export function postgresInit(services: readonly DeployedService[]): string {
  return services
    .filter((s) => s.database)
    .map((s) => `CREATE DATABASE ${databaseName(s.name)};\n`)
    .join('');
}
