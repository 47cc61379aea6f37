import type { CodeInfo } from '../code-info.js';

/**
 * RG920–RG949: `import` and `init`. Reading YAML written elsewhere is the one place rivven-gitops parses
 * untrusted input, so every limit it enforces has a code of its own (RG920–RG929); writing files that
 * might already exist has the rest.
 */
export const importCodes = {
  RG920: { title: 'YAML syntax error', hint: 'Fix the YAML at the position shown (`kubectl apply --dry-run=client -f FILE` shows the same error).' },
  RG921: { title: 'Duplicate key in YAML', hint: 'Each key may appear once per mapping: YAML readers disagree on which value wins, so remove one.' },
  RG922: { title: 'Too many YAML aliases', hint: 'The document expands aliases (*name) more often than any manifest needs, as an alias bomb does: write the values out.' },
  RG923: {
    title: 'YAML input too large',
    hint: 'Split the input into smaller files or documents; manifests are far below this limit.',
    message: ({ file, document, bytes, limit }: { readonly file: string; readonly document?: number; readonly bytes: number; readonly limit: number }) =>
      document === undefined
        ? `${file} is ${bytes} bytes, more than the ${limit} bytes import reads.`
        : `Document ${document} of ${file} is ${bytes} bytes, more than the ${limit} bytes import reads per document.`,
  },
  RG924: { title: 'Too many YAML documents', hint: 'Import the documents in several runs, or only the files that hold Rivven resources.' },
  RG925: { title: 'YAML nested too deeply', hint: 'No manifest nests this deep: check the file is what you meant to import.' },
  RG926: {
    title: 'Cannot read import input',
    hint: 'Check the path exists and is readable; directories are searched for *.yaml and *.yml files.',
    message: ({ file, reason }: { readonly file: string; readonly reason: 'not-a-file' | 'no-yaml' | { readonly unreadable: string } }) =>
      reason === 'not-a-file'
        ? `${file} is neither a file nor a directory.`
        : reason === 'no-yaml'
          ? `${file} holds no *.yaml or *.yml files.`
          : `Cannot read ${file}: ${reason.unreadable}.`,
  },
  RG927: { title: 'Nothing to import', hint: 'The input holds no Rivven resources, manual-deployment manifests or Helm-style values; see the notes for what was skipped.' },
  RG930: { title: 'Output file exists', hint: 'Pass --force to overwrite it, or --out to write somewhere else.' },
  RG931: { title: 'Directory is not empty', hint: 'Run init in an empty directory, or pass --force to add the scaffold next to what is there (existing files are overwritten).' },
  RG932: { title: 'Invalid environment name', hint: 'Environment names become file and directory names: use a DNS-1123 label such as prod or eu-staging.' },
  RG933: { title: 'Cannot write output file', hint: 'See the message for the system error; nothing else was changed.' },
} satisfies Record<string, CodeInfo>;
