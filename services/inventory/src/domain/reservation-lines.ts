import { inventoryErrors } from '../errors.ts';
import { fieldProblem } from '@mercato/kit';

/** Rejects a cart that lists one SKU on two lines (naming the second one). */
export function assertDistinctSkus(lines: ReadonlyArray<{ sku: string }>): void {
  const first = new Map<string, number>();
  lines.forEach((line, index) => {
    const earlier = first.get(line.sku);
    if (earlier !== undefined) {
      throw fieldProblem(inventoryErrors.repeatedLineSku, [{ pointer: `body/lines/${index}/sku`, detail: `${line.sku} is already on line ${earlier}` }]);
    }
    first.set(line.sku, index);
  });
}
