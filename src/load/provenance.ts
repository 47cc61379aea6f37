/**
 * Provenance from syntax alone: where in a config file each property and array element of the exported
 * value is written. It follows what people actually write — `defineConfig({...})`, `satisfies`/`as
 * const`, a `const` declared above, spreads of local objects, the function form — and records what it
 * can; anything computed at runtime simply has no position.
 */
import type * as TS from 'typescript';
import { typescript } from './typescript.js';
import type { SourceLocation } from '../errors/diagnostic.js';
import { pathKey } from '../core/path.js';
import type { PathSegment } from '../core/path.js';

// Loaded with this module, which load-project.ts imports only when a file's positions are not cached.
const ts = typescript();

/** Declarations visible by name; `undefined` marks a name that shadows an outer one (a parameter). */
type Scope = ReadonlyMap<string, TS.Node | undefined>;

/** Positions of every property and array element of the default export, keyed by `pathKey`. */
export function collectPositions(sourceFile: TS.SourceFile, file: string): Map<string, SourceLocation> {
  const positions = new Map<string, SourceLocation>();
  const moduleScope = declarationsOf(sourceFile.statements);
  const exported = findDefaultExport(sourceFile);
  if (exported === undefined) return positions;

  // Declarations whose value is being recorded: a self-referencing const must not loop.
  const active = new Set<TS.Node>();

  const locate = (node: TS.Node): SourceLocation => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    return { file, line: line + 1, column: character + 1 };
  };

  /** Peels wrappers that do not change the value: parentheses, casts, `defineX(...)`, local consts. */
  const unwrap = (start: TS.Node, scopes: readonly Scope[]): { node: TS.Node; via: TS.Node[] } => {
    const via: TS.Node[] = [];
    let node = start;
    for (;;) {
      if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
      else if (ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
      else if (ts.isCallExpression(node) && isDefineCall(node) && node.arguments[0] !== undefined) node = node.arguments[0];
      else if (ts.isIdentifier(node)) {
        const declaration = lookUp(scopes, node.text);
        if (declaration === undefined || active.has(declaration) || via.includes(declaration)) return { node, via };
        via.push(declaration);
        if (ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) node = declaration.initializer;
        else if (ts.isFunctionDeclaration(declaration)) node = declaration;
        else return { node, via };
      } else return { node, via };
    }
  };

  const recordValue = (start: TS.Node, segments: readonly PathSegment[], scopes: readonly Scope[]): void => {
    const { node, via } = unwrap(start, scopes);
    for (const declaration of via) active.add(declaration);
    if (ts.isObjectLiteralExpression(node)) recordObject(node, segments, scopes);
    else if (ts.isArrayLiteralExpression(node)) recordArray(node, segments, scopes);
    for (const declaration of via) active.delete(declaration);
  };

  const recordObject = (object: TS.ObjectLiteralExpression, segments: readonly PathSegment[], scopes: readonly Scope[]): void => {
    for (const property of object.properties) {
      if (ts.isSpreadAssignment(property)) {
        // `...shared` of a local object: its properties land at this level, positioned where written.
        recordValue(property.expression, segments, scopes);
        continue;
      }
      const name = property.name === undefined ? undefined : propertyName(property.name);
      if (name === undefined || property.name === undefined) continue;
      const path = [...segments, name];
      positions.set(pathKey(path), locate(property.name));
      if (ts.isPropertyAssignment(property)) recordValue(property.initializer, path, scopes);
      else if (ts.isShorthandPropertyAssignment(property)) recordValue(property.name, path, scopes);
    }
  };

  const recordArray = (array: TS.ArrayLiteralExpression, segments: readonly PathSegment[], scopes: readonly Scope[]): void => {
    let index = 0;
    const visit = (elements: readonly TS.Expression[]): boolean => {
      for (const element of elements) {
        if (ts.isSpreadElement(element)) {
          const { node: spread } = unwrap(element.expression, scopes);
          // Past a spread of unknown length no index is certain any more.
          if (!ts.isArrayLiteralExpression(spread) || !visit(spread.elements)) return false;
          continue;
        }
        if (!ts.isOmittedExpression(element)) {
          const path = [...segments, index];
          positions.set(pathKey(path), locate(element));
          recordValue(element, path, scopes);
        }
        index += 1;
      }
      return true;
    };
    visit(array.elements);
  };

  const recordExport = (start: TS.Node, scopes: readonly Scope[]): void => {
    const { node, via } = unwrap(start, scopes);
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node) && !ts.isFunctionDeclaration(node)) {
      recordValue(start, [], scopes);
      return;
    }
    if (node.body === undefined) return;
    const inner = [functionScope(node), ...scopes];
    for (const declaration of via) active.add(declaration);
    if (ts.isBlock(node.body)) {
      const blockScopes = [declarationsOf(node.body.statements), ...inner];
      for (const returned of returnedExpressions(node.body)) recordValue(returned, [], blockScopes);
    } else {
      recordValue(node.body, [], inner);
    }
    for (const declaration of via) active.delete(declaration);
  };

  recordExport(exported, [moduleScope]);
  return positions;
}

/** A config file's syntax tree, for provenance alone (no type-check read it). */
export function parseConfigSource(absolutePath: string, text: string): TS.SourceFile {
  return ts.createSourceFile(absolutePath, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
}

/** Where the default export's value starts: the place to point at when its shape is wrong. */
export function locateDefaultExport(sourceFile: TS.SourceFile, file: string): SourceLocation | undefined {
  const exported = findDefaultExport(sourceFile);
  if (exported === undefined) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(exported.getStart(sourceFile));
  return { file, line: line + 1, column: character + 1 };
}

/** The default-exported value as written (`export default …`, `export default function`, `export { x as default }`). */
export function findDefaultExport(sourceFile: TS.SourceFile): TS.Node | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement) && statement.isExportEquals !== true) return statement.expression;
    if (ts.isFunctionDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword) && hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
      return statement;
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier === undefined && statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
      const specifier = statement.exportClause.elements.find((e) => e.name.text === 'default');
      if (specifier !== undefined) return specifier.propertyName ?? specifier.name;
    }
  }
  return undefined;
}

function hasModifier(node: TS.HasModifiers, kind: TS.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false;
}

/** `defineConfig(...)`, `defineEnvironment(...)`, `rivven.defineTopic(...)`: identity helpers. */
function isDefineCall(call: TS.CallExpression): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return /^define[A-Z]/.test(name);
}

function propertyName(name: TS.PropertyName): string | undefined {
  const literal = ts.isComputedPropertyName(name) ? name.expression : name;
  if (ts.isIdentifier(literal) && !ts.isComputedPropertyName(name)) return literal.text;
  if (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) return literal.text;
  // `1e3: …` is the key '1000' at runtime.
  if (ts.isNumericLiteral(literal)) return String(Number(literal.text));
  return undefined;
}

function declarationsOf(statements: readonly TS.Statement[]): Map<string, TS.Node> {
  const into: [string, TS.Node][] = [];
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) into.push([declaration.name.text, declaration]);
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name !== undefined) {
      into.push([statement.name.text, statement]);
    }
  }
  return new Map(into);
}

/** Parameters shadow outer names: `(cluster) => ({ cluster })` is not the module's `cluster`. */
function functionScope(fn: TS.SignatureDeclaration): Map<string, undefined> {
  const names = new Map<string, undefined>();
  const addBinding = (name: TS.BindingName): void => {
    if (ts.isIdentifier(name)) names.set(name.text, undefined);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const parameter of fn.parameters) addBinding(parameter.name);
  return names;
}

function lookUp(scopes: readonly Scope[], name: string): TS.Node | undefined {
  for (const scope of scopes) if (scope.has(name)) return scope.get(name);
  return undefined;
}

/** `return` expressions of a function body, not of functions nested in it. */
function returnedExpressions(body: TS.Block): TS.Expression[] {
  const found: TS.Expression[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression !== undefined) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}
