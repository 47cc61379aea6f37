/**
 * A transpiler step that lets the sandbox tell where each value was written, wherever it was written:
 * every object and array literal of a config file or a module it imports is handed, as it is made, to
 * the literal tracker (literal-tracker.ts) with the file:line:col of each of its keys or elements. A
 * value built by a helper function, imported from `environments/prod/_region.ts` or spread from another
 * object then still points at its own line, which reading one file's syntax (provenance.ts) cannot see.
 *
 * The code stays the same code: each literal becomes `__rg$object(frame, { ... }, table, index)` (the
 * tracker functions are parameters of the module wrapper, see module-runner.ts), which
 * returns the literal itself. Spread sources and computed keys are also passed through the tracker (it
 * needs their runtime values) and returned unchanged. Positions live in one JSON table per module, made
 * once when the module runs; the file is the module's own `__filename`, so the code depends on the text
 * alone (the transpile cache keys it by the text).
 */
import type * as TS from 'typescript';

/** Names of the tracker's functions in the sandbox; unlikely to meet a user's own identifier. */
export const trackerGlobals = {
  table: '__rg$table',
  frame: '__rg$frame',
  spread: '__rg$spread',
  key: '__rg$key',
  object: '__rg$object',
  array: '__rg$array',
} as const;

const tableVariable = '__rg$positions';

/** What one entry of a literal is, in the table: see LiteralEntry. */
export const entryKind = { key: 0, computedKey: 1, spread: 2, element: 3 } as const;

/**
 * `[kind, line, column, key?]`: a property with a key known from the syntax (`key`), a computed key
 * (its value is passed at runtime), a spread (its source is passed at runtime) or an array element
 * (holes included: they take an index).
 */
export type LiteralEntry = readonly [kind: number, line: number, column: number, key?: string];

export function trackLiterals(ts: typeof TS): TS.TransformerFactory<TS.SourceFile> {
  return (context) => (sourceFile) => {
    const { factory } = context;
    const literals: LiteralEntry[][] = [];
    const at = (node: TS.Node): [number, number] => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      return [line + 1, character + 1];
    };
    const call = (name: string, args: TS.Expression[]): TS.Expression => factory.createCallExpression(factory.createIdentifier(name), undefined, args);
    // Spread sources and computed keys are recorded in the frame of the literal being built, in order.
    const through = (name: string, expression: TS.Expression): TS.Expression => call(name, [visitExpression(expression)]);

    const wrap = (name: string, literal: TS.Expression, entries: LiteralEntry[], needsFrame: boolean): TS.Expression => {
      literals.push(entries);
      return call(name, [
        needsFrame ? call(trackerGlobals.frame, []) : factory.createNumericLiteral(0),
        literal,
        factory.createIdentifier(tableVariable),
        factory.createNumericLiteral(literals.length - 1),
      ]);
    };

    const trackObject = (node: TS.ObjectLiteralExpression): TS.Expression => {
      const entries: LiteralEntry[] = [];
      let needsFrame = false;
      const properties = node.properties.map((property): TS.ObjectLiteralElementLike => {
        const [line, column] = at(property.name ?? property);
        if (ts.isSpreadAssignment(property)) {
          entries.push([entryKind.spread, line, column]);
          needsFrame = true;
          return factory.updateSpreadAssignment(property, through(trackerGlobals.spread, property.expression));
        }
        const name = property.name;
        const key = name === undefined ? undefined : staticKey(ts, name);
        if (name !== undefined && key === undefined && ts.isComputedPropertyName(name) && !ts.isAccessor(property)) {
          entries.push([entryKind.computedKey, line, column]);
          needsFrame = true;
          const computed = factory.updateComputedPropertyName(name, through(trackerGlobals.key, name.expression));
          if (ts.isPropertyAssignment(property)) return factory.updatePropertyAssignment(property, computed, visitExpression(property.initializer));
          if (ts.isMethodDeclaration(property)) {
            const visited = ts.visitEachChild(property, visit, context);
            return factory.updateMethodDeclaration(visited, visited.modifiers, visited.asteriskToken, computed, visited.questionToken, visited.typeParameters, visited.parameters, visited.type, visited.body);
          }
        }
        if (key !== undefined) entries.push([entryKind.key, line, column, key]);
        return ts.visitEachChild(property, visit, context);
      });
      return wrap(trackerGlobals.object, factory.updateObjectLiteralExpression(node, properties), entries, needsFrame);
    };

    const trackArray = (node: TS.ArrayLiteralExpression): TS.Expression => {
      const entries: LiteralEntry[] = [];
      let needsFrame = false;
      const elements = node.elements.map((element): TS.Expression => {
        const [line, column] = at(element);
        if (ts.isSpreadElement(element)) {
          entries.push([entryKind.spread, line, column]);
          needsFrame = true;
          return factory.updateSpreadElement(element, through(trackerGlobals.spread, element.expression));
        }
        entries.push([entryKind.element, line, column]);
        return ts.isOmittedExpression(element) ? element : visitExpression(element);
      });
      return wrap(trackerGlobals.array, factory.updateArrayLiteralExpression(node, elements), entries, needsFrame);
    };

    const visitExpression = (node: TS.Expression): TS.Expression => {
      const visited = visit(node);
      return visited !== undefined && ts.isExpression(visited) ? visited : node;
    };

    const visit = (node: TS.Node): TS.Node | undefined => {
      if (ts.isObjectLiteralExpression(node)) return trackObject(node);
      if (ts.isArrayLiteralExpression(node)) return trackArray(node);
      // Destructuring targets are patterns, not values: `({ a } = x)`, `for (const [k, v] of …)`.
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isPattern(ts, node.left)) {
        return factory.updateBinaryExpression(node, node.left, node.operatorToken, visitExpression(node.right));
      }
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && isPattern(ts, node.initializer)) {
        const statement = ts.visitNode(node.statement, visit, ts.isStatement) ?? node.statement;
        const expression = visitExpression(node.expression);
        return ts.isForOfStatement(node)
          ? factory.updateForOfStatement(node, node.awaitModifier, node.initializer, expression, statement)
          : factory.updateForInStatement(node, node.initializer, expression, statement);
      }
      return ts.visitEachChild(node, visit, context);
    };

    const transformed = ts.visitEachChild(sourceFile, visit, context);
    if (literals.length === 0) return transformed;
    // `var` so that the table exists before any hoisted function of the module can run.
    const table = factory.createVariableStatement(
      undefined,
      factory.createVariableDeclarationList(
        [
          factory.createVariableDeclaration(
            tableVariable,
            undefined,
            undefined,
            call(trackerGlobals.table, [factory.createIdentifier('__filename'), factory.createStringLiteral(JSON.stringify(literals))]),
          ),
        ],
        ts.NodeFlags.None,
      ),
    );
    return factory.updateSourceFile(transformed, [table, ...transformed.statements]);
  };
}

function isPattern(ts: typeof TS, node: TS.Node): boolean {
  return ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node);
}

/** The key a property name gives at runtime, when the syntax decides it. */
function staticKey(ts: typeof TS, name: TS.PropertyName): string | undefined {
  const literal = ts.isComputedPropertyName(name) ? name.expression : name;
  if (ts.isIdentifier(literal) && !ts.isComputedPropertyName(name)) return literal.text;
  if (ts.isPrivateIdentifier(literal)) return undefined;
  if (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) return literal.text;
  // `1e3: …` is the key '1000' at runtime.
  if (ts.isNumericLiteral(literal)) return String(Number(literal.text));
  return undefined;
}
