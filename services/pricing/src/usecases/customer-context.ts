import { fieldProblem, type Principal, satisfies } from '@mercato/kit';
import type { CustomerContext } from '../api/schemas.ts';
import { PRICING_ON_BEHALF } from '../domain/access.ts';
import { pricingErrors } from '../errors.ts';
import type { PriceIndex } from '../index/price-index.ts';

const GUEST: CustomerContext = { kind: 'guest', accountId: null, customerId: null, companyId: null, groups: [] };

/**
 * Whose prices to compute: a person's own token → their account; an explicit `accountId` → that
 * account, if the caller is another service, staff or a `pricing:quote` client; otherwise a guest
 * (base prices only). Groups and company come from the local read model of the customers service
 * (in the price index), never from a call on the hot path.
 */
export function customerContext(index: PriceIndex, caller: { principal: Principal | null; callerService: string | undefined }, accountId: string | undefined): CustomerContext {
  const { principal, callerService } = caller;
  let account: string | undefined;
  if (accountId !== undefined) {
    const own = principal !== null && !principal.machine && principal.sub === accountId;
    const onBehalf = callerService !== undefined || (principal !== null && satisfies(principal, PRICING_ON_BEHALF));
    if (!own && !onBehalf) throw fieldProblem(pricingErrors.accountNotAllowed, [{ pointer: 'body/accountId', detail: 'you may only price for your own account' }]);
    account = accountId;
  } else if (principal && !principal.machine) {
    account = principal.sub;
  }
  if (account === undefined) return GUEST;
  const customer = index.customerOfAccount(account);
  return {
    kind: 'customer',
    accountId: account,
    customerId: customer?.customerId ?? null,
    companyId: customer?.companyId ?? null,
    groups: [...(customer?.groups ?? [])],
  };
}
