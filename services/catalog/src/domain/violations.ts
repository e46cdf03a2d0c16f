import { fieldProblem as kitFieldProblem, type ProblemError, type ProblemSpec } from '@mercato/kit';

/** One thing wrong with one request field; `field` is a dotted path such as `variants[1].sku`. */
export interface FieldViolation {
  field: string;
  code: string;
  message: string;
}

/**
 * A problem that names the offending fields. Each `errors` item has the kit's validation shape
 * (`pointer` into the body, `detail`) so clients read every 4xx alike, plus the `field` path and
 * `code` the bulk import reports too.
 */
export function fieldProblem(spec: ProblemSpec, violations: FieldViolation[], extensions: Record<string, unknown> = {}): ProblemError {
  return kitFieldProblem(
    spec,
    violations.map(({ field, code, message }) => ({ pointer: pointerOf(field), detail: message, field, code })),
    extensions,
  );
}

/** `variants[1].attributes.color` → `body/variants/1/attributes/color`. */
function pointerOf(field: string): string {
  return `body/${field.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')}`;
}
