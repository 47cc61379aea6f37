/**
 * Type-checks the base and every environment file in ONE TypeScript program, so shared helpers and the
 * library's types are checked once, and reports every diagnostic of the user's files in one run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { openTypecheckCache } from './typecheck-cache.js';
import { noteTypeCheck, typescript } from './typescript.js';
import { finding } from '../errors/catalog.js';
import { InternalError, sortFindings } from '../errors/diagnostic.js';
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { pathKey } from '../core/path.js';
import type { PathSegment } from '../core/path.js';
import { formatDiagnosticMessage } from './diagnostic-message.js';
import { collectPositions, findDefaultExport } from './provenance.js';
import { libraryDir, packageName, publicApiTypesFile } from './public-api.js';
import { isBuiltinSpecifier, isInside, toProjectPath } from './paths.js';
import { guardImports, type ImportGuard } from './typecheck-imports.js';

// Loaded with this module, which load-project.ts imports only when the check is not known clean.
const ts = typescript();

export interface TypecheckResult {
  readonly findings: readonly Finding[];
  /** The parsed user files by project-relative path, reusable for provenance. */
  readonly sourceFiles: ReadonlyMap<string, TS.SourceFile>;
}

const cannotFindModule = new Set([2307, 2792]);
/** TS1149, TS1261: a file name that differs from another only in case. */
const fileCasingCodes = new Set([1149, 1261]);

/**
 * Lean options: only what config files need. `types` stays empty (no ambient @types/* to read) unless a
 * config file imports a Node built-in, in which case Node's types are loaded if they can be found.
 */
export function compilerOptionsFor(withNodeTypes: boolean, typesFile: string = publicApiTypesFile): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // Users may write `./_shared`, `./_shared.js` or `./_shared.ts`; the evaluator accepts all three.
    allowImportingTsExtensions: true,
    esModuleInterop: true,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: withNodeTypes ? ['node'] : [],
    paths: { [packageName]: [typesFile] },
  };
}

/**
 * `files` are project-relative; they are all roots of the one program. `typesFile` is what
 * `rivven-gitops` resolves to (tests compare the printed public types with the originals).
 */
export function typecheckFiles(root: string, files: readonly string[], typesFile: string = publicApiTypesFile): TypecheckResult {
  noteTypeCheck();
  const rootNames = files.map((f) => path.join(root, f));
  const nodeTypes = importsBuiltins(rootNames) && canFindNodeTypes(root);
  const options = compilerOptionsFor(nodeTypes, typesFile);
  const cache = openTypecheckCache(root, rootNames, typesFile);
  // Nothing this program would read has changed since a check that found nothing: skip it. The
  // caller parses the files itself for provenance.
  if (cache?.isKnownClean() === true) return { findings: [], sourceFiles: new Map() };
  const host = createCachingHost(options, root);
  const guard = guardImports(host, root, options);
  // After an edit, only the files whose diagnostics it can change are checked (see dependenciesOf):
  // the others are known clean, and TypeScript reports a file's diagnostics from that file and what it
  // imports, plus whatever is global. An edited file that declares something global is checked with all.
  const known = cache?.knownCleanFiles(nodeTypes) ?? new Set<string>();
  let program = ts.createProgram({ rootNames: rootNames.filter((r) => !known.has(path.resolve(r))), options, host });
  let skip = known;
  if (skip.size > 0 && program.getSourceFiles().some((s) => isUserFile(root, s.fileName) && !skip.has(path.resolve(s.fileName)) && declaresGlobals(s))) {
    program = ts.createProgram({ rootNames, options, host, oldProgram: program });
    skip = new Set();
  }

  // Two files whose names differ only in case (environments/Prod.ts beside prod.ts on a case-sensitive
  // file system) are the user's problem, reported among the options: a type error, not our bug.
  const optionProblems = program.getOptionsDiagnostics().filter((d) => !fileCasingCodes.has(d.code));
  if (optionProblems.length > 0) {
    throw new InternalError(`type-check options rejected: ${formatDiagnosticMessage(optionProblems[0]?.messageText ?? '').text}`);
  }

  const toFinding = createFindingMaker(root, guard);
  const casing = program.getOptionsDiagnostics().filter((d) => fileCasingCodes.has(d.code));
  const findings: Finding[] = [
    ...casing.map((d) =>
      finding('RG102', {
        path: '',
        message: `${(typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText).split(`${root}${path.sep}`).join('')} (TS${d.code})`,
        hint: 'Rename one of the files: names that differ only in case break on case-insensitive file systems (macOS, Windows) and in reviews.',
      }),
    ),
  ];
  const global = program.getGlobalDiagnostics();
  findings.push(...global.map((d) => toFinding(d, 'RG102')));
  const sourceFiles = new Map<string, TS.SourceFile>();
  const checkedClean: TS.SourceFile[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (!isUserFile(root, sourceFile.fileName)) continue;
    sourceFiles.set(toProjectPath(root, sourceFile.fileName), sourceFile);
    if (skip.has(path.resolve(sourceFile.fileName))) continue;
    const syntactic = program.getSyntacticDiagnostics(sourceFile);
    findings.push(...syntactic.map((d) => toFinding(d, 'RG111')));
    // Semantic errors in a file that does not parse are mostly echoes of the syntax error.
    const semantic = syntactic.length === 0 ? program.getSemanticDiagnostics(sourceFile) : [];
    findings.push(...semantic.map((d) => toFinding(d, 'RG102')));
    if (syntactic.length === 0 && semantic.length === 0) checkedClean.push(sourceFile);
  }
  // A global problem is no file's: nothing is remembered as clean.
  if (cache !== undefined && casing.length === 0 && global.length === 0) {
    const dependencies = dependenciesOf(root, program, options, host);
    cache.recordClean({
      program,
      nodeTypes,
      checkedClean: new Map(checkedClean.map((s) => [path.resolve(s.fileName), dependencies(s)])),
    });
  }
  return { findings: sortFindings(findings), sourceFiles };
}

/**
 * A file that can declare something every other file sees: a script (no import or export, so its
 * declarations are global), or a module with `declare global`, `declare module`, a triple-slash
 * reference. Every file's diagnostics depend on such files.
 */
function declaresGlobals(sourceFile: TS.SourceFile): boolean {
  return !ts.isExternalModule(sourceFile) || /\bdeclare\s+(?:global|module|namespace)\b|\/\/\/\s*<reference\b/.test(sourceFile.text);
}

/**
 * What the diagnostics of a user file depend on: the file, the user files it imports, transitively
 * (resolved as the program resolved them), and every file of the program that is not the user's (the
 * library's public types, installed packages' types: few, and any may declare globals) or that declares
 * globals. TypeScript's own lib files are left out by the cache (the version is part of its key).
 */
function dependenciesOf(root: string, program: TS.Program, options: TS.CompilerOptions, host: TS.CompilerHost): (sourceFile: TS.SourceFile) => string[] {
  const everyone = program
    .getSourceFiles()
    .filter((s) => !isUserFile(root, s.fileName) || declaresGlobals(s))
    .map((s) => path.resolve(s.fileName));
  const imports = new Map<string, string[]>();
  const importsOf = (sourceFile: TS.SourceFile): string[] => {
    let found = imports.get(sourceFile.fileName);
    if (found === undefined) {
      found = [];
      for (const ref of ts.preProcessFile(sourceFile.text, true, true).importedFiles) {
        const resolved = ts.resolveModuleName(ref.fileName, sourceFile.fileName, options, host).resolvedModule?.resolvedFileName;
        if (resolved !== undefined && isUserFile(root, resolved)) found.push(path.resolve(resolved));
      }
      imports.set(sourceFile.fileName, found);
    }
    return found;
  };
  return (sourceFile) => {
    const seen = new Set<string>([path.resolve(sourceFile.fileName)]);
    const queue = [sourceFile];
    while (queue.length > 0) {
      const next = queue.pop();
      if (next === undefined) break;
      for (const name of importsOf(next)) {
        if (seen.has(name)) continue;
        seen.add(name);
        const imported = program.getSourceFile(name);
        if (imported !== undefined) queue.push(imported);
      }
    }
    return [...new Set([...seen, ...everyone])].sort();
  };
}

function createFindingMaker(root: string, guard: ImportGuard): (diagnostic: TS.Diagnostic, code: 'RG102' | 'RG111') => Finding {
  const positionsByFile = new Map<TS.SourceFile, ReadonlyMap<string, SourceLocation>>();
  const positionsOf = (sourceFile: TS.SourceFile): ReadonlyMap<string, SourceLocation> => {
    let positions = positionsByFile.get(sourceFile);
    if (positions === undefined) {
      positions = collectPositions(sourceFile, toProjectPath(root, sourceFile.fileName));
      positionsByFile.set(sourceFile, positions);
    }
    return positions;
  };

  return (diagnostic, code) => {
    const message = formatDiagnosticMessage(diagnostic.messageText);
    const file = diagnostic.file;
    const start = diagnostic.start;
    const loc =
      file === undefined || start === undefined
        ? undefined
        : (findWrittenPosition(file, start, message.path, positionsOf) ?? {
            file: toProjectPath(root, file.fileName),
            ...oneBased(file.getLineAndCharacterOfPosition(start)),
          });
    const missingModule = code === 'RG102' && cannotFindModule.has(diagnostic.code);
    const specifier = /'([^']+)'/.exec(message.text)?.[1];
    // A built-in is allowed; what is missing is its types, so this stays a type error with its own advice.
    const builtin = missingModule && specifier !== undefined && isBuiltinSpecifier(specifier);
    const refused = missingModule && specifier !== undefined && file !== undefined ? guard.refusal(file.fileName, specifier) : undefined;
    if (refused !== undefined) {
      return finding(refused.code, {
        path: loc?.file ?? '',
        message: `Cannot import '${specifier ?? ''}' from ${toProjectPath(root, file?.fileName ?? '')}: ${refused.reason}.`,
        ...(loc === undefined ? {} : { loc }),
      });
    }
    return finding(missingModule && !builtin ? 'RG107' : code, {
      path: loc?.file ?? '',
      message: `${message.text} (TS${diagnostic.code})`,
      ...(builtin ? { hint: 'Node built-ins need their types: npm install --save-dev @types/node' } : {}),
      ...(loc === undefined ? {} : { loc }),
    });
  };
}

/**
 * TypeScript reports a mistake inside the object returned by an exported function at the function
 * itself, explaining the property path in the message. Point at the property the path names instead
 * (the deepest one written in the file), which is where the fix goes.
 */
function findWrittenPosition(
  sourceFile: TS.SourceFile,
  start: number,
  path: readonly PathSegment[],
  positionsOf: (sourceFile: TS.SourceFile) => ReadonlyMap<string, SourceLocation>,
): SourceLocation | undefined {
  if (path.length === 0) return undefined;
  const exported = findDefaultExport(sourceFile);
  if (exported === undefined || start < exported.getStart(sourceFile) || start >= exported.end) return undefined;
  const positions = positionsOf(sourceFile);
  for (let length = path.length; length > 0; length -= 1) {
    const written = positions.get(pathKey(path.slice(0, length)));
    if (written !== undefined) return written;
  }
  return undefined;
}

function oneBased(position: TS.LineAndCharacter): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}

/** The user's own files: not the library, not anything installed, not declaration files. */
function isUserFile(root: string, fileName: string): boolean {
  const normalized = path.resolve(fileName);
  return (
    isInside(root, normalized) &&
    !isInside(libraryDir, normalized) &&
    !normalized.split(path.sep).includes('node_modules') &&
    !normalized.endsWith('.d.ts')
  );
}

/** A cheap pre-scan (no parse) of the root files: does any import a Node built-in? */
function importsBuiltins(files: readonly string[]): boolean {
  return files.some((file) => {
    const text = readText(file);
    if (text === undefined) return false;
    return ts.preProcessFile(text, true, false).importedFiles.some((ref) => isBuiltinSpecifier(ref.fileName));
  });
}

function canFindNodeTypes(root: string): boolean {
  const options = compilerOptionsFor(true);
  const fromProject = ts.resolveTypeReferenceDirective('node', path.join(root, 'package.json'), options, ts.sys);
  if (fromProject.resolvedTypeReferenceDirective !== undefined) return true;
  return ts.resolveTypeReferenceDirective('node', path.join(libraryDir, 'index.ts'), options, ts.sys).resolvedTypeReferenceDirective !== undefined;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Library files (TypeScript's lib, node_modules outside the project, the running library) never change
 * while the process runs, and parsing and binding them is about a third of a cold check; keep them across loads (a test
 * run, a watch loop). Sharing SourceFiles between programs is what TypeScript's language service does.
 */
const librarySourceFiles = new Map<string, TS.SourceFile>();

function createCachingHost(options: TS.CompilerOptions, root: string): TS.CompilerHost {
  const host = ts.createCompilerHost(options);
  // JSDoc is parsed only where a type error can come from it (JavaScript files), as tsc itself does:
  // TypeScript's lib files are mostly JSDoc, and skipping it is about a sixth of a check's CPU time.
  // Nothing here reads JSDoc (provenance reads names and positions), and no error in a .ts file needs it.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const getSourceFile = host.getSourceFile.bind(host);
  // The project's own node_modules (a preset package) may be upgraded between two loads of a watch loop.
  const isLibraryFile = (fileName: string): boolean =>
    isInside(libDir, fileName) || isInside(libraryDir, fileName) || (fileName.split(/[\\/]/).includes('node_modules') && !isInside(root, fileName));
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!isLibraryFile(fileName)) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersionOrOptions)}`;
    const cached = librarySourceFiles.get(key);
    if (cached !== undefined) return cached;
    const created = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    if (created !== undefined) librarySourceFiles.set(key, created);
    return created;
  };
  return host;
}
