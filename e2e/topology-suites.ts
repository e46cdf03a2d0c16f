import { after, before, describe } from 'node:test';
import { startPlatform, type TestPlatform, type TopologyKind } from '@mercato/testing';
import { allowListSuite } from './suites/allow-list.ts';
import { journeySuite } from './suites/journey.ts';
import { observabilitySuite } from './suites/observability.ts';
import { oidcSuite } from './suites/oidc.ts';
import { orderLifecycleSuite } from './suites/order-lifecycle.ts';
import { searchPropagationSuite } from './suites/search-propagation.ts';

/**
 * The end-to-end suites every topology must pass, run against one platform started for the file
 * (starting a platform is the expensive part; the suites do not depend on each other's data).
 */
export function topologySuites(kind: TopologyKind): void {
  describe(`platform (${kind})`, () => {
    let platform: TestPlatform;
    before(async () => {
      platform = await startPlatform(kind, { seed: true });
    });
    after(() => platform?.stop());
    const current = () => platform;
    journeySuite(kind, current);
    oidcSuite(kind, current);
    allowListSuite(kind, current);
    observabilitySuite(kind, current);
    searchPropagationSuite(kind, current);
    orderLifecycleSuite(kind, current);
  });
}
