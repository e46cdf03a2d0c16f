import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** The limits a query must stay within. */
export const LIMITS = {
  /** Nesting depth (mercurius `queryDepth`). */
  depth: 8,
  /** Largest `first` of any list. */
  first: 100,
  /** Largest cost: each field costs 1, times the size of every list around it. */
  cost: 5000,
  /** A list without `first` (variants, lines, attributes) is assumed this long. */
  unboundedList: 10,
} as const;

/** Lists assumed shorter: a category's children come from the tree, read once per request. */
const LIST_SIZES: Record<string, number> = { 'Category.children': 3 };

export type CostVerdict = { ok: true; cost: number } | { ok: false; code: 'first-too-large' | 'query-too-complex'; message: string; cost?: number };

/**
 * A simple static cost of the operation, with its variables: a field costs 1 plus its selection's
 * cost, times its list size (`first` or its default; LIMITS.unboundedList for lists without one).
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string): CostVerdict {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  if (!operation) return { ok: true, cost: 0 };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { ok: true, cost: 0 };

  let tooLarge: string | undefined;
  /** A field's `first`: its value, its default, or undefined when it takes none. */
  const firstOf = (field: GraphQLField<unknown, unknown>, args: ReadonlyArray<{ name: { value: string }; value: unknown }>): number | undefined => {
    const firstArg = field.args.find((a) => a.name === 'first');
    if (!firstArg) return undefined;
    const node = args.find((a) => a.name.value === 'first');
    const value = node ? valueFromAST(node.value as never, firstArg.type, variables) : firstArg.defaultValue;
    const first = typeof value === 'number' ? Math.max(value, 0) : LIMITS.unboundedList;
    if (first > LIMITS.first) tooLarge = `${field.name}(first: ${first}) asks for more than ${LIMITS.first} items`;
    return first;
  };

  // `first` sizes the field's own list, or, on a connection (search, suggest), the lists inside it.
  const visit = (type: GraphQLNamedType, selectionSet: SelectionSetNode, seen: Set<string>, pageSize: number | undefined): number => {
    if (!isObjectType(type)) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        const first = firstOf(field, selection.arguments ?? []);
        const isList = isListType(getNullableType(field.type));
        const size = isList ? (first ?? pageSize ?? LIST_SIZES[`${type.name}.${field.name}`] ?? LIMITS.unboundedList) : 1;
        const inner = selection.selectionSet ? visit(getNamedType(field.type), selection.selectionSet, seen, isList ? undefined : first) : 0;
        total += size * (1 + inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const target = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type;
        total += visit(target, selection.selectionSet, seen, pageSize);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const target = schema.getType(fragment.typeCondition.name.value) ?? type;
        total += visit(target, fragment.selectionSet, new Set([...seen, fragment.name.value]), pageSize);
      }
    }
    return total;
  };

  const cost = visit(root, operation.selectionSet, new Set(), undefined);
  if (tooLarge) return { ok: false, code: 'first-too-large', message: tooLarge };
  if (cost > LIMITS.cost) return { ok: false, code: 'query-too-complex', message: `The query costs ${cost}, more than the limit of ${LIMITS.cost}`, cost };
  return { ok: true, cost };
}
