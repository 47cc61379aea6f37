import path from 'node:path';
import fg from 'fast-glob';
import { finding } from '../errors/catalog.js';
import type { Finding } from '../errors/diagnostic.js';
import { isDnsLabel } from '../core/units.js';
import { isFile, realPathInside, realPathOf } from './paths.js';
import { hasInvisible, visibleText } from '../errors/visible-text.js';
import { realpath, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { compareText } from '../core/order.js';

export const baseConfigFile = 'rivven.config.ts';
export const environmentsDir = 'environments';

/** An environment file whose name is valid and unique: it can be evaluated. */
export interface EnvironmentFileRef {
  readonly name: string;
  /** Project-relative, forward slashes. */
  readonly file: string;
}

export interface ProjectFiles {
  /** Every file to type-check together: the base first, then every environment file (valid name or not). */
  readonly allFiles: readonly string[];
  /** Environments that can be evaluated, sorted by name. */
  readonly environments: readonly EnvironmentFileRef[];
  readonly findings: readonly Finding[];
}

// Files starting with `_` (and anything in a `_dir/`) are helpers that environment files import;
// tests and declaration files are never environments either.
const ignoredEnvironmentFiles = ['**/*.d.ts', '**/*.test.ts', '**/_*', '**/_*/**', '**/node_modules/**'];

/** `environments/prod.ts` → `prod`; `environments/eu/prod.ts` → `eu-prod`. */
export function environmentNameFromPath(file: string): string {
  const withinDir = file.startsWith(`${environmentsDir}/`) ? file.slice(environmentsDir.length + 1) : file;
  return withinDir.replace(/\.ts$/, '').split('/').join('-');
}

/**
 * Finds `rivven.config.ts` and the environment files. A missing base stops loading (there is nothing to
 * check); bad or clashing environment names are findings, and those files are left out of evaluation.
 */
export async function findProjectFiles(root: string): Promise<ProjectFiles> {
  if (!isFile(path.join(root, baseConfigFile))) {
    return {
      allFiles: [],
      environments: [],
      findings: [
        finding('RG101', {
          path: baseConfigFile,
          message: `No ${baseConfigFile} in ${root}: it holds the fleet's base configuration and marks the project root.`,
        }),
      ],
    };
  }
  if (realPathInside(root, path.join(root, baseConfigFile)) === undefined) {
    return { allFiles: [], environments: [], findings: [linkOutsideFinding(root, baseConfigFile)] };
  }
  const found = await findEnvironmentFiles(root);
  // A file that leads outside the project is never read, type-checked or shown (see realPathInside).
  const outside = found.files.filter((file) => realPathInside(root, path.join(root, file)) === undefined);
  const environmentFiles = found.files.filter((file) => !outside.includes(file)).sort();

  const findings: Finding[] = outside.map((file) => linkOutsideFinding(root, file));
  findings.push(...found.loops.map(({ link, real }) =>
    finding('RG112', {
      path: link,
      message: `${visibleText(link)} is a symbolic link to ${visibleText(path.relative(root, real) || '.')}, a directory that contains the link itself (directly or through other links): following it would never end, so it was not followed.`,
    }),
  ));
  const byName = new Map<string, string[]>();
  for (const file of environmentFiles) {
    const name = environmentNameFromPath(file);
    if (!isDnsLabel(name)) {
      findings.push(invalidNameFinding(file, name));
      continue;
    }
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }

  const environments: EnvironmentFileRef[] = [];
  for (const [name, files] of [...byName].sort(([a], [b]) => compareText(a, b))) {
    const [first] = files;
    if (first !== undefined && files.length === 1) {
      environments.push({ name, file: first });
      continue;
    }
    // One finding per file, so an editor or a PR annotation marks each of them.
    for (const file of files) {
      const others = files.filter((f) => f !== file);
      findings.push(
        finding('RG108', {
          path: file,
          message: `${visibleText(file)} and ${others.map(visibleText).join(' and ')} both map to the environment name '${visibleText(name)}' (a subfolder joins its name with "-"), so neither can be built.`,
        }),
      );
    }
  }
  return { allFiles: [baseConfigFile, ...environmentFiles], environments, findings };
}

/**
 * Environment files, following symlinked directories (a shared folder linked into environments/) but
 * never a link back into a directory on the way to it: such a loop would be walked until the path is too
 * long, once per round, and every round's files would look like new environments. Each link that closes
 * a loop is reported once. Files and links are found by fast-glob without following links; each
 * symlinked directory is then walked on its own with the real directories above it remembered.
 */
async function findEnvironmentFiles(root: string): Promise<{ files: string[]; loops: Array<{ link: string; real: string }> }> {
  const files: string[] = [];
  const loops: Array<{ link: string; real: string }> = [];
  const reported = new Set<string>();
  const walk = async (dir: string, realAbove: readonly string[]): Promise<void> => {
    const entries = await fg('**', { cwd: path.join(root, dir), ignore: ignoredEnvironmentFiles, onlyFiles: false, followSymbolicLinks: false, dot: false, objectMode: true });
    for (const entry of entries.sort((a, b) => compareText(a.path, b.path))) {
      const file = `${dir}/${entry.path}`;
      if (entry.dirent.isFile()) {
        if (file.endsWith('.ts')) files.push(file);
        continue;
      }
      if (!entry.dirent.isSymbolicLink()) continue;
      const absolute = path.join(root, file);
      const stats = await stat(absolute).catch(() => undefined);
      if (stats?.isFile() === true && file.endsWith('.ts')) files.push(file);
      if (stats?.isDirectory() !== true) continue;
      const real = await realpath(absolute);
      const realParent = await realpath(path.dirname(absolute));
      const within = (dirPath: string) => dirPath === real || dirPath.startsWith(`${real}${path.sep}`);
      if (within(realParent) || realAbove.some(within)) {
        const linkReal = path.join(realParent, path.basename(absolute));
        if (!reported.has(linkReal)) {
          reported.add(linkReal);
          loops.push({ link: file, real });
        }
        continue;
      }
      await walk(file, [...realAbove, realParent]);
    }
  };
  if (statSync(path.join(root, environmentsDir), { throwIfNoEntry: false })?.isDirectory() === true) await walk(environmentsDir, []);
  return { files, loops };
}

function invalidNameFinding(file: string, name: string): Finding {
  const suggestion = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  const why = hasInvisible(name)
    ? `it contains an invisible character (shown escaped), which no namespace or object name may hold`
    : name.length > 63
      ? `it is ${name.length} characters long (at most 63)`
      : 'it must consist of lower-case letters, digits and "-", and start and end with a letter or digit';
  return finding('RG109', {
    path: file,
    message: `${visibleText(file)} gives the environment name '${visibleText(name)}', which is not a DNS-1123 label: ${why}. The name becomes part of namespaces and object names.`,
    ...(suggestion !== '' && isDnsLabel(suggestion) && suggestion !== name
      ? { hint: `Rename the file so its name is a DNS-1123 label, for example '${suggestion}'.` }
      : {}),
  });
}


/** Names the link and where it leads; never reads the target. */
function linkOutsideFinding(root: string, file: string): Finding {
  const target = realPathOf(path.join(root, file));
  return finding('RG113', {
    path: file,
    message: `${visibleText(file)} is a symbolic link to ${target === undefined ? 'a path that does not exist' : visibleText(target)}, outside the project ${visibleText(root)}: it was not read, so it is not part of the build.`,
  });
}
