/**
 * Following a project's files for `build --watch`.
 *
 * Editors rarely write a file in place: vim, JetBrains' safe write, `sed -i` and `git checkout` write a
 * new file and rename it over the old one. A watch on the file itself keeps following the old inode and
 * goes silent after the first save, so only DIRECTORIES are watched, one non-recursive watcher each
 * (Node 20's recursive mode on Linux misses directories created after it started): every directory of
 * the project except node_modules, dot-directories and the output directory. Helper modules that config
 * files import can live anywhere in the project, so any script or JSON file counts. A rename in a watched
 * directory (a file or folder appeared or vanished) rescans the directory tree, adding and dropping
 * watchers; a new directory counts as a change, since its files may have been written before it was
 * watched. Changes are reported once a burst has been quiet for `settleMs`.
 */
import type { FSWatcher } from 'node:fs';
import { readdirSync, realpathSync, watch } from 'node:fs';
import path from 'node:path';

/**
 * Extensions of files a build reads: what a config file can import (and the config files themselves),
 * and the YAML that `customize.objectFiles`, `secrets.sealed` and a CRD directory name.
 */
const relevant = /\.(?:[cm]?[jt]s|json|ya?ml)$/;

/** The ownership manifest of an output directory: its presence marks a directory this tool writes. */
const outputMarker = '.rivven-gitops.json';

export interface WatchProjectOptions {
  /** Directories never watched (absolute): the output directory of the last build. */
  readonly isOutput: (dir: string) => boolean;
  /** Called once per settled burst with the changed paths (relative to the root, sorted). */
  readonly onChange: (changed: readonly string[]) => void;
  /** Quiet time that ends a burst. @default 150 */
  readonly settleMs?: number;
}

export interface ProjectWatcher {
  close(): void;
}

/** Every directory to watch under `root` (root included), following symlinked directories once. */
export function listDirectories(root: string, isOutput: (dir: string) => boolean): Set<string> {
  const found = new Set<string>();
  const realSeen = new Set<string>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return found;
  }
  const visit = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    // A link to a directory outside the project is never listed or watched: the build refuses such files too.
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return;
    // A symlink loop (reported by the build, RG112) or a folder linked twice is watched once.
    if (realSeen.has(real)) return;
    realSeen.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (dir !== root && (isOutput(dir) || entries.some((e) => e.name === outputMarker))) return;
    found.add(dir);
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (entry.isDirectory() || entry.isSymbolicLink()) visit(path.join(dir, entry.name));
    }
  };
  visit(root);
  return found;
}

export function watchProject(root: string, options: WatchProjectOptions): ProjectWatcher {
  const settleMs = options.settleMs ?? 150;
  const watchers = new Map<string, FSWatcher>();
  const changed = new Set<string>();
  let rescanNeeded = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let initial = true;

  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(flush, settleMs);
  };

  const rescan = (): void => {
    const wanted = listDirectories(root, options.isOutput);
    for (const [dir, watcher] of watchers) {
      if (wanted.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
      // A watched folder that went away (deleted, renamed) may have held environment files.
      changed.add(path.relative(root, dir));
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      if (!add(dir)) continue;
      if (dir !== root && !initial) changed.add(path.relative(root, dir));
    }
  };

  const add = (dir: string): boolean => {
    try {
      const watcher = watch(dir, { persistent: true }, (event, name) => {
        const file = name === null ? '' : name.toString();
        if (event === 'rename') rescanNeeded = true;
        if (file === '' || (relevant.test(file) && path.basename(file) !== outputMarker)) changed.add(path.relative(root, path.join(dir, file)));
        if (event === 'rename' || file === '' || relevant.test(file)) schedule();
      });
      // The directory was deleted under the watcher: the next rescan drops it.
      watcher.on('error', () => {
        rescanNeeded = true;
        schedule();
      });
      watchers.set(dir, watcher);
      return true;
    } catch {
      return false;
    }
  };

  const flush = (): void => {
    if (closed) return;
    if (rescanNeeded) {
      rescanNeeded = false;
      rescan();
    }
    if (changed.size === 0) return;
    const files = [...changed].sort();
    changed.clear();
    options.onChange(files);
  };

  rescan();
  initial = false;
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
