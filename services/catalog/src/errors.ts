import { defineErrors } from '@mercato/kit';

/**
 * The catalog's error catalog; each code is documented in docs/reference/errors.md. Problems about
 * request fields carry `errors: [{ field, code, message }]`, naming each field as a dotted path
 * (`variants[1].sku`, `attributes.color`).
 */
export const catalogErrors = defineErrors({
  productNotFound: { status: 404, title: 'No such product' },
  categoryNotFound: { status: 404, title: 'No such category' },
  brandNotFound: { status: 404, title: 'No such brand' },
  attributeNotFound: { status: 404, title: 'No such attribute definition' },
  skuTaken: { status: 409, title: 'A SKU is already used by another variant' },
  handleTaken: { status: 409, title: 'The product handle is already used' },
  slugTaken: { status: 409, title: 'The category slug is already used' },
  brandSlugTaken: { status: 409, title: 'The brand slug is already used' },
  attributeCodeTaken: { status: 409, title: 'An attribute definition with this code already exists' },
  duplicateSku: { status: 400, title: 'The same SKU appears twice in the request' },
  unknownCategory: { status: 422, title: 'The referenced category does not exist' },
  unknownBrand: { status: 422, title: 'The referenced brand does not exist' },
  unknownChannel: { status: 422, title: 'The referenced channel does not exist' },
  invalidAttributes: { status: 422, title: 'Attribute values do not fit their definitions' },
  invalidAttributeDefinition: { status: 422, title: 'The attribute definition is not consistent' },
  categoryCycle: { status: 409, title: 'The move would make the category its own ancestor' },
  categoryNotEmpty: { status: 409, title: 'The category still has subcategories or products' },
  brandInUse: { status: 409, title: 'Products still use the brand' },
  attributeInUse: { status: 409, title: 'Products still carry values of the attribute' },
  attributeShapeLocked: { status: 409, title: 'The attribute type, scope or localization cannot change while products use it' },
  attributeOptionInUse: { status: 409, title: 'Products still use an enum option the change removes' },
});
