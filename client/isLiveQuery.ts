/** Recognises live queries: query operations carrying `@live` (docs/protocol.md, "Live queries"). */
import { Kind, OperationTypeNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** The operation a request runs: the one named `operationName`, or the only one. */
export function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/**
 * True when the operation is a query with `@live`, unless `@live(if: false)` is written literally.
 * `@live(if: $variable)` counts as live: the server decides, and answers an ordinary result if false.
 */
export function isLiveQuery(document: DocumentNode, operationName?: string | null): boolean {
  const operation = selectOperation(document, operationName);
  if (operation?.operation !== OperationTypeNode.QUERY) return false;
  const live = operation.directives?.find((directive) => directive.name.value === 'live');
  if (!live) return false;
  const condition = live.arguments?.find((argument) => argument.name.value === 'if');
  return !(condition?.value.kind === Kind.BOOLEAN && !condition.value.value);
}
