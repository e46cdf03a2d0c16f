/** Contracts between services: event types with their schemas (and, later, typed API clients). */
export { defineEvent, type EventContract, type EventData } from './event-contract.ts';
export {
  AttributeDefinitionState,
  attributeDeleted,
  AttributeType,
  attributeUpserted,
  AttributeValue,
  AttributeValues,
  BrandState,
  brandDeleted,
  brandUpserted,
  catalogEvents,
  CategoryState,
  categoryDeleted,
  categoryUpserted,
  LocalizedText,
  productDeleted,
  productUpserted,
  ProductState,
} from './catalog/events.ts';
export { AccountRegisteredData, accountRegistered, identityEvents } from './identity/events.ts';
export {
  CompanyState,
  companyUpserted,
  CustomerState,
  customersEvents,
  customerUpserted,
  GroupCode,
  groupDeleted,
  GroupState,
  groupUpserted,
} from './customers/events.ts';
export {
  inventoryEvents,
  ReservationState,
  reservationCommitted,
  reservationHeld,
  reservationReleased,
  stockChanged,
  StockLevel,
} from './inventory/events.ts';
export {
  CurrencyCode,
  MinorUnits,
  PriceChangedData,
  priceChanged,
  PriceListKind,
  priceListDeleted,
  PriceListState,
  priceListUpserted,
  pricingEvents,
  PriceTier,
  SalesChannel,
  TaxMode,
} from './pricing/events.ts';
export {
  PromotionAction,
  PromotionCondition,
  promotionDeleted,
  PromotionStacking,
  PromotionState,
  PromotionTarget,
  promotionUpserted,
} from './pricing/promotions.ts';
export {
  OrderAddress,
  orderAddressChanged,
  orderApproved,
  orderCancelled,
  orderDelivered,
  orderNoteAdded,
  orderPaid,
  OrderPaymentStatus,
  orderPlaced,
  orderPrepared,
  orderRefunded,
  ordersEvents,
  orderShipped,
  OrderStatus,
  OrderSummary,
  OrderTotals,
  OrderTracking,
} from './orders/events.ts';
export {
  paymentAuthorized,
  paymentCaptured,
  paymentFailed,
  paymentRefunded,
  paymentsEvents,
  PaymentState,
  paymentVoided,
} from './payments/events.ts';
export { checkoutCompleted, checkoutEvents, checkoutFailed } from './checkout/events.ts';
