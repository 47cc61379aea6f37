import type { CodeInfo } from '../code-info.js';

/** RG6xx: kustomize layout (RG600–RG609) and writing out/ (RG610–RG649). */
export const emitCodes = {
  RG601: { title: 'Unsafe output path', hint: 'Environment names must be DNS-1123 labels and output paths must stay inside out/; rename the environment.' },
  RG602: { title: 'Duplicate object', hint: 'Two rendered objects share apiVersion group, kind, namespace and name; rename one of the config entries that produce them.' },
  RG603: { title: 'Two environments share a directory', hint: 'Each environment needs its own name; rename one environment file.' },
  RG610: { title: 'Output directory not owned by rivven-gitops', hint: 'The directory is not empty and has no .rivven-gitops.json: choose an empty or new directory, or pass --force to take it over (files rivven-gitops does not write are left alone).' },
  RG611: { title: 'Output path is not a directory', hint: 'Remove or rename the file, or choose another output directory.' },
  RG612: { title: 'Permission denied', hint: 'rivven-gitops needs write access to the output directory and to its parent (it swaps the directory atomically).' },
  RG613: { title: 'Cannot write output', hint: 'See the message for the system error; fix it (disk space, file system) and run the build again: out/ was left as it was.' },
  RG614: { title: 'Ownership manifest unreadable', hint: 'out/.rivven-gitops.json is damaged: restore it from git, or pass --force to rebuild ownership from scratch.' },
  RG615: { title: 'Would overwrite a file rivven-gitops does not own', hint: 'Move the file away (it is not listed in out/.rivven-gitops.json), or pass --force to let rivven-gitops overwrite it.' },
  RG616: { title: 'Another build is writing the output directory', hint: 'Wait for the other rivven-gitops process to finish; if none is running, delete the lock file named in the message.' },
  RG630: { title: 'Output directory outside the project', hint: 'Choose an output directory inside the project (the directory holding rivven.config.ts): Argo CD syncs it from this repository.' },
  RG631: { title: 'Output directory is or goes through a symbolic link', hint: 'rivven-gitops writes and deletes only in real directories of the project, so a link can never send a build elsewhere: replace the link with a directory, or pass the real path with --out.' },
  RG632: { title: 'Lock leftover is not a lock file', hint: 'rivven-gitops keeps a small file holding its pid there while it writes. If no rivven-gitops build is running, remove the path named in the message and build again.' },
  RG633: { title: 'Backup leftover is not a directory rivven-gitops made', hint: 'An interrupted build leaves a real directory there, never a link or a file. Look at what the path named in the message holds; remove it (or move it away) and build again: the build writes a fresh output directory.' },
  RG634: { title: 'argocd.path does not follow --out', hint: 'argocd.path names where the output directory lies in the repository; end it with output.dir (for example fleets/a/out) so that build --out can move it, or build without --out.' },
} satisfies Record<string, CodeInfo>;
