import { defineErrors } from '@mercato/kit';

/**
 * The pricing service's error catalog; each code is documented in docs/reference/errors.md.
 * Problems about request fields carry `errors: [{ pointer, detail }]` like the kit's validation
 * problems (`/body/lines/2/sku`).
 */
export const pricingErrors = defineErrors({
  priceListNotFound: { status: 404, title: 'No such price list' },
  shippingMethodNotFound: { status: 404, title: 'No such shipping method' },
  priceListCodeTaken: { status: 409, title: 'A price list with this code already exists' },
  currencyInUse: { status: 409, title: 'Price lists or shipping rates still use the currency' },
  taxClassInUse: { status: 409, title: 'Rates, categories or shipping methods still use the tax class' },
  unknownCurrency: { status: 422, title: 'The currency is not an ISO 4217 code this service knows' },
  unsupportedCurrency: { status: 422, title: 'The currency is not enabled for selling' },
  unknownSku: { status: 422, title: 'The SKU is not in the catalog' },
  unpricedSku: { status: 422, title: 'No price list prices the SKU for this customer, currency, channel and time' },
  repeatedSku: { status: 400, title: 'The same SKU appears more than once in the request' },
  invalidTiers: { status: 400, title: 'The tiers of a SKU must have distinct minimum quantities' },
  invalidPriceList: { status: 422, title: 'The price list settings are not consistent' },
  unknownTaxClass: { status: 422, title: 'No such tax class' },
  unknownTaxZone: { status: 422, title: 'No such tax zone' },
  noDefaultTaxClass: { status: 422, title: 'No default tax class is configured' },
  countryInOtherZone: { status: 409, title: 'The country already belongs to another tax zone' },
  unsupportedCountry: { status: 422, title: 'No tax zone covers the country' },
  missingTaxRate: { status: 422, title: 'No tax rate is configured for the zone and tax class' },
  invalidWeightBands: { status: 400, title: 'Weight bands must have distinct maximum weights' },
  repeatedShippingRate: { status: 400, title: 'A shipping method has one rate per zone and currency' },
  shippingUnavailable: { status: 422, title: 'The shipping method does not deliver this shipment' },
  unknownWeight: { status: 422, title: 'The catalog has no weight for the SKU, needed by a weight-based shipping rate' },
  amountTooLarge: { status: 422, title: 'An amount of the quote exceeds what can be computed exactly' },
  accountNotAllowed: { status: 403, title: 'Only services, staff and machine clients may price for another account' },
  promotionNotFound: { status: 404, title: 'No such promotion' },
  promotionCodeTaken: { status: 409, title: 'A promotion with this code already exists' },
  invalidPromotion: { status: 422, title: 'The promotion definition is not consistent' },
  couponCodeTaken: { status: 409, title: 'A coupon with this code already exists (codes are case-insensitive)' },
  repeatedCoupon: { status: 400, title: 'The same coupon code appears more than once in the request' },
  couponsNotAccepted: { status: 409, title: 'The promotion has no coupon condition, so it takes no coupons' },
  unknownCoupon: { status: 422, title: 'No such coupon code' },
  couponInactive: { status: 422, title: "The coupon's promotion is not active" },
  couponNotStarted: { status: 422, title: "The coupon's promotion has not started yet" },
  couponExpired: { status: 422, title: "The coupon's promotion has ended" },
  couponConditionsUnmet: { status: 422, title: "The customer does not meet the coupon's conditions" },
  couponExhausted: { status: 409, title: 'The coupon has no uses left' },
  couponCustomerLimitReached: { status: 409, title: 'The customer has used this promotion as often as allowed' },
  couponAlreadyRedeemed: { status: 409, title: 'This promotion is already redeemed for this order or cart' },
  redemptionNotFound: { status: 404, title: 'No such redemption' },
  redemptionReleased: { status: 409, title: 'The redemption was released and cannot be committed' },
});
