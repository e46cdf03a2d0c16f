import { defineErrors } from '@mercato/kit';

/** The customers service's error catalog; each code is documented in docs/reference/errors.md. */
export const customersErrors = defineErrors({
  customerNotFound: { status: 404, title: 'No such customer' },
  addressNotFound: { status: 404, title: 'No such address' },
  companyNotFound: { status: 404, title: 'No such company' },
  groupNotFound: { status: 404, title: 'No such customer group' },
  notAPerson: { status: 403, title: 'Only a signed-in person has a customer profile' },
  unknownGroup: { status: 400, title: 'The request names a customer group that does not exist' },
  unknownCompany: { status: 400, title: 'The request names a company that does not exist' },
  groupExists: { status: 409, title: 'A customer group with this code already exists' },
  groupInUse: { status: 409, title: 'The customer group still has customers or companies' },
  vatIdTaken: { status: 409, title: 'Another company has this VAT id' },
});
