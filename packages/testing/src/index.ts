/** Test harness: one shared PostgreSQL server per run, fresh databases per test file, whole topologies. */
export { testServerUrl, uniquePrefix, dropDatabases, TEST_SERVER_ENV } from './postgres.ts';
export { startPlatform, TOPOLOGY_MODULE, type TestPlatform, type TopologyKind, type PlatformOptions } from './platform.ts';
export { startTestService, type TestService } from './service.ts';
export { TestIssuer, type TestTokenClaims } from './issuer.ts';
