/** How the test provider behaves for a card, picked by the card number. */
export type TestScenario = 'approve' | 'decline' | 'timeout' | 'pending' | 'capture-fails';

/** The test provider's cards (docs/reference/payments.md); any other number is refused. */
export const TEST_CARDS: Record<string, { scenario: TestScenario; brand: string }> = {
  '4242424242424242': { scenario: 'approve', brand: 'visa' },
  '4000000000000002': { scenario: 'decline', brand: 'visa' },
  '4000000000000119': { scenario: 'timeout', brand: 'visa' },
  '4000000000003220': { scenario: 'pending', brand: 'visa' },
  '4000000000000341': { scenario: 'capture-fails', brand: 'visa' },
};

const TOKEN_PREFIX = 'tok_test_';

export function scenarioToken(scenario: TestScenario): string {
  return TOKEN_PREFIX + scenario;
}

export function scenarioOf(token: string): TestScenario | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const scenario = token.slice(TOKEN_PREFIX.length);
  return Object.values(TEST_CARDS).some((card) => card.scenario === scenario) ? (scenario as TestScenario) : undefined;
}
