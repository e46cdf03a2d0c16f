/** Test harness: one shared PostgreSQL server and RabbitMQ broker per run, fresh databases and vhosts per test file, whole topologies. */
export { testServerUrl, uniquePrefix, dropDatabases, TEST_SERVER_ENV } from './postgres.ts';
export { testAmqpUrl, createTestVhost, TEST_AMQP_ENV, TEST_AMQP_DIR_ENV, type TestVhost } from './rabbitmq.ts';
export { startPlatform, TOPOLOGY_MODULE, type TestPlatform, type TopologyKind, type PlatformOptions } from './platform.ts';
export { startTestService, startTestServices, type TestService, type TestServices } from './service.ts';
export { TestIssuer, type TestTokenClaims } from './issuer.ts';
export { eventually } from './eventually.ts';
export { ADMIN, call, login, assertProblem, type Answer } from './api.ts';
