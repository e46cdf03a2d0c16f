/** A variant's own part of its name: "Oak Mug — White" of "Oak Mug" is "White" (the product's name is already on screen). */
export function variantLabel(variantName: string, productName: string | undefined): string {
  if (productName && variantName.startsWith(productName)) {
    const rest = variantName.slice(productName.length).replace(/^[\s—–\-:,/]+/, '');
    if (rest) return rest;
  }
  return variantName;
}
