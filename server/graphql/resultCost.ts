/**
 * The estimated cost of an operation's result, counting list sizes (graphql-armor's cost limit does
 * not: 30 aliases of a list of 300 large documents are cheap to it). Each field costs its weight
 * ({@link FIELD_WEIGHTS}, else 1) plus the cost of its selection; a list field multiplies that by its
 * estimated size (listSizes.ts), except the `nodes` of a window (windowSizes.ts), which count as its
 * `first`: the literal, the default when absent, the largest allowed for a variable (whose value
 * validation does not see). Introspection fields cost nothing here (graphql-armor counts them).
 * Run on valid documents only (no fragment cycles, every field known).
 */
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLOutputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ListSizes } from './listSizes.js';
import { MAX_FIRST } from './windows/windowSizes.js';

/**
 * Weights of fields whose values can be large, about their largest size in kilobytes: a document's or
 * section's body holds up to 100,000 characters, a comment's up to 10,000. Every other field weighs 1.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'Document.body': 100,
  'Section.body': 100,
  'Comment.body': 10,
};

/** The estimated cost of operation `operationName` of `document` (0 when there is no such operation). */
export function resultCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, sizes: ListSizes): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  let operations = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) {
      operations++;
      if (operationName ? definition.name?.value === operationName : operations === 1) operation = definition;
    }
  }
  if (!operation || (!operationName && operations > 1)) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const costOf = createCoster(schema, fragments, sizes);
  return costOf(root, operation.selectionSet);
}

/** The cost of a selection set on `parent`; `window` is the size of the window `parent` is (a connection), if it is one. */
type Coster = (parent: GraphQLNamedType, selectionSet: SelectionSetNode, window?: number) => number;

function createCoster(schema: GraphQLSchema, fragments: Map<string, FragmentDefinitionNode>, sizes: ListSizes): Coster {
  // A fragment's cost does not depend on where it is spread: computed once per document.
  const fragmentCosts = new Map<string, number>();
  const costOf: Coster = (parent, selectionSet, window) => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const coordinate = `${parent.name}.${name}`;
        const own = FIELD_WEIGHTS[coordinate] ?? 1;
        const below = selection.selectionSet ? costOf(getNamedType(field.type), selection.selectionSet, windowSize(field, selection, coordinate)) : 0;
        total += (own + below) * (window !== undefined && name === 'nodes' ? window : listFactor(field.type, coordinate, sizes));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        const type = condition === undefined ? parent.name : condition;
        total += costOfNamed(type, selection.selectionSet, window);
      } else {
        const name = selection.name.value;
        const cached = `${name}:${window ?? ''}`;
        let cost = fragmentCosts.get(cached);
        if (cost === undefined) {
          const fragment = fragments.get(name);
          cost = fragment ? costOfNamed(fragment.typeCondition.name.value, fragment.selectionSet, window) : 0;
          fragmentCosts.set(cached, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  function costOfNamed(typeName: string, selectionSet: SelectionSetNode, window: number | undefined): number {
    const type = schema.getType(typeName);
    return type ? costOf(type, selectionSet, window) : 0;
  }
  return costOf;
}

/**
 * How many items the window that `selection` of `field` reads holds at most: its `first`, a literal
 * (within the bounds), else the default when absent, else the largest allowed. Undefined when the
 * field is not a window.
 */
function windowSize(field: GraphQLField<unknown, unknown>, selection: FieldNode, coordinate: string): number | undefined {
  const max = MAX_FIRST[coordinate];
  if (max === undefined) return undefined;
  const given = selection.arguments?.find((argument) => argument.name.value === 'first')?.value;
  if (given?.kind === Kind.INT) return Math.min(max, Math.max(1, Number(given.value)));
  if (given === undefined) {
    const fallback = field.args.find((argument) => argument.name === 'first')?.defaultValue;
    if (typeof fallback === 'number') return Math.min(max, fallback);
  }
  return max;
}

/** The product of the estimated sizes of the list levels of `type` (1 for a non-list). */
function listFactor(type: GraphQLOutputType, coordinate: string, sizes: ListSizes): number {
  let factor = 1;
  let current = getNullableType(type);
  while (isListType(current)) {
    factor *= sizes.estimate(coordinate);
    current = getNullableType(current.ofType);
  }
  return factor;
}
