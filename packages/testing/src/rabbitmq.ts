import { rabbitmqctl } from '@mercato/kit/runtime/rabbitmq-server.ts';
import { uniquePrefix } from './postgres.ts';

/** Environment variable through which the test runner shares its one RabbitMQ broker (AMQP URL). */
export const TEST_AMQP_ENV = 'MERCATO_TEST_AMQP_URL';
/** The broker's directory, so test files can run `rabbitmqctl` against it (vhosts). */
export const TEST_AMQP_DIR_ENV = 'MERCATO_TEST_AMQP_DIR';

/** The AMQP URL (default vhost) of the broker the test command started for the whole run. */
export async function testAmqpUrl(): Promise<string> {
  const shared = process.env[TEST_AMQP_ENV];
  if (!shared) throw new Error(`${TEST_AMQP_ENV} is not set: run tests with \`npm test [-- <path filter>]\``);
  return shared;
}

/** A RabbitMQ virtual host of its own for one test file: exchanges and queues nobody else sees. */
export interface TestVhost {
  name: string;
  /** The AMQP URL of the vhost, as user `guest`. */
  url: string;
  /** Has the broker drop every client connection to this vhost (a network failure, as clients see it). */
  closeConnections(): Promise<void>;
  /** Deletes the vhost and everything in it. */
  drop(): Promise<void>;
}

/** Creates a fresh vhost on the shared broker (call `drop()` in `after`). */
export async function createTestVhost(): Promise<TestVhost> {
  const base = new URL(await testAmqpUrl());
  const dir = process.env[TEST_AMQP_DIR_ENV];
  if (!dir) throw new Error(`${TEST_AMQP_DIR_ENV} is not set: run tests with \`npm test [-- <path filter>]\``);
  const name = uniquePrefix().slice(0, -1);
  await rabbitmqctl(dir, ['add_vhost', name]);
  await rabbitmqctl(dir, ['set_permissions', '-p', name, base.username || 'guest', '.*', '.*', '.*']);
  base.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    url: base.toString(),
    closeConnections: async () => void (await rabbitmqctl(dir, ['close_all_connections', '--vhost', name, 'dropped by a test'])),
    drop: async () => void (await rabbitmqctl(dir, ['delete_vhost', name])),
  };
}
