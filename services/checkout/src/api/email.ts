import { problem } from '@mercato/kit';
import type { Buyer } from '../domain/access.ts';
import { checkoutErrors } from '../errors.ts';
import type { CheckoutContext } from '../store/context.ts';

/**
 * Where the order confirmation goes: the address given, else the signed-in customer's account
 * email (access tokens carry no email: identity is asked with the customer's own token).
 */
export async function emailOf(ctx: CheckoutContext, given: string | undefined, buyer: Buyer, authorization: string | undefined): Promise<string> {
  if (given) return given;
  if (buyer.kind === 'guest' || !authorization) throw problem(checkoutErrors.emailRequired, 'A guest checkout needs `email`', { errors: [{ pointer: 'body/email', detail: 'required for a guest' }] });
  try {
    const me = await ctx.client('identity').json<{ email: string }>('/api/identity/me', { headers: { authorization } });
    return me.email;
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not read the customer’s email from identity');
    throw problem(checkoutErrors.emailRequired, 'Your account email could not be read; send `email`', { errors: [{ pointer: 'body/email', detail: 'required' }] });
  }
}
