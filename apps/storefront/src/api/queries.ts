/** Every GraphQL document the storefront sends. Fragments are plain strings appended to the operations using them. */

const MONEY = 'amount currency formatted';

const PRODUCT_SUMMARY = `fragment ProductSummary on Product {
  id handle name image inStock
  brand { id name }
  price { unit { ${MONEY} } kind }
}`;

const CART = `fragment CartFields on Cart {
  id token status currency itemCount coupons
  lines { sku quantity variantName unitPrice { ${MONEY} } lineTotal { ${MONEY} } product { id handle name image } }
  totals { subtotal { ${MONEY} } discount { ${MONEY} } tax { ${MONEY} } shipping { ${MONEY} } grandTotal { ${MONEY} } }
  shipping { country method }
  promotions { name amount { ${MONEY} } }
}`;

const ORDER = `fragment OrderFields on Order {
  id number status placedAt email
  lines { sku name quantity unitPrice { ${MONEY} } lineTotal { ${MONEY} } }
  totals { subtotal { ${MONEY} } discount { ${MONEY} } tax { ${MONEY} } shipping { ${MONEY} } grandTotal { ${MONEY} } }
  shippingAddress { name line1 line2 postalCode city country }
  shipment { carrier trackingNumber }
}`;

const FACET_VALUE = 'value label count selected';

export const HOME = `query Home {
  categories { id name children { id name } }
  search(first: 8, sort: RELEVANCE) { items { ...ProductSummary } }
}
${PRODUCT_SUMMARY}`;

export const CATEGORIES = `query Categories { categories { id name parentId children { id name parentId children { id name parentId children { id name parentId } } } } }`;

export const SEARCH = `query Search($q: String, $category: ID, $brands: [ID!], $attributes: [AttributeFilter!], $sort: SearchSort, $first: Int, $after: String) {
  search(q: $q, category: $category, brands: $brands, attributes: $attributes, sort: $sort, first: $first, after: $after) {
    total nextCursor
    items { ...ProductSummary }
    facets { category { ${FACET_VALUE} } brand { ${FACET_VALUE} } attributes { code label values { ${FACET_VALUE} } } }
  }
}
${PRODUCT_SUMMARY}`;

export const SUGGEST = `query Suggest($q: String!) {
  suggest(q: $q, first: 6) { completions { text } products { id handle name price { unit { ${MONEY} } } } }
}`;

export const PRODUCT = `query Product($handle: String!) {
  product(handle: $handle) {
    ...ProductSummary
    description images
    category { id name }
    attributes { code label value }
    variants { sku name options { name value } price { unit { ${MONEY} } kind } availability { available inStock } }
  }
}
${PRODUCT_SUMMARY}`;

export const VIEWER = `query Viewer { viewer { account { id email name roles } } }`;

export const VIEWER_CART = `query ViewerCart { viewer { cart { ...CartFields } } }
${CART}`;

export const CART_BY_ID = `query Cart($id: ID!) { cart(id: $id) { ...CartFields } }
${CART}`;

export const CREATE_CART = `mutation CreateCart { createCart(currency: "EUR") { ...CartFields } }
${CART}`;

export const ADD_TO_CART = `mutation AddToCart($cartId: ID!, $sku: String!, $quantity: Int) { addToCart(cartId: $cartId, sku: $sku, quantity: $quantity) { ...CartFields } }
${CART}`;

export const UPDATE_CART_LINE = `mutation UpdateCartLine($cartId: ID!, $sku: String!, $quantity: Int!) { updateCartLine(cartId: $cartId, sku: $sku, quantity: $quantity) { ...CartFields } }
${CART}`;

export const REMOVE_CART_LINE = `mutation RemoveCartLine($cartId: ID!, $sku: String!) { removeCartLine(cartId: $cartId, sku: $sku) { ...CartFields } }
${CART}`;

export const SET_SHIPPING = `mutation SetShipping($cartId: ID!, $country: String!, $method: String!) { setShipping(cartId: $cartId, country: $country, method: $method) { ...CartFields } }
${CART}`;

export const APPLY_COUPON = `mutation ApplyCoupon($cartId: ID!, $code: String!) { applyCoupon(cartId: $cartId, code: $code) { ...CartFields } }
${CART}`;

export const REMOVE_COUPON = `mutation RemoveCoupon($cartId: ID!, $code: String!) { removeCoupon(cartId: $cartId, code: $code) { ...CartFields } }
${CART}`;

export const MERGE_CART = `mutation MergeCart($guestCartId: ID!) { mergeCart(guestCartId: $guestCartId) { ...CartFields } }
${CART}`;

export const SHIPPING_METHODS = `query ShippingMethods($country: String!) { shippingMethods(country: $country) { code name price { ${MONEY} } } }`;

export const CHECKOUT_PREFILL = `query CheckoutPrefill { viewer { account { email name } addresses { name line1 line2 postalCode city country } } }`;

export const PLACE_ORDER = `mutation PlaceOrder($input: CheckoutInput!, $idempotencyKey: String!) {
  checkout(input: $input, idempotencyKey: $idempotencyKey) { id status orderId order { ...OrderFields } failure { code title detail } }
}
${ORDER}`;

export const CHECKOUT = `query Checkout($id: ID!) { checkout(id: $id) { id status orderId order { ...OrderFields } failure { code title detail } } }
${ORDER}`;

export const ORDER_BY_ID = `query Order($id: ID!) { order(id: $id) { ...OrderFields } }
${ORDER}`;

export const ACCOUNT = `query Account {
  viewer {
    account { id email name }
    orders(first: 20) { id number status placedAt totals { grandTotal { ${MONEY} } } lines { sku name quantity } }
    addresses { name line1 line2 postalCode city country }
  }
}`;
