import type { CodeInfo } from '../code-info.js';

/** RG1xx: finding, type-checking and evaluating the user's TypeScript files. */
export const loadCodes = {
  RG101: { title: 'No rivven.config.ts', hint: 'Run rivven-gitops in the fleet repository root, or pass --root DIR.' },
  RG102: { title: 'TypeScript error', hint: 'Fix the type error; your editor shows the same message. --no-typecheck skips this step.' },
  RG103: { title: 'Config file threw', hint: 'The file raised an exception while it was evaluated; fix the code at the location shown.' },
  RG104: { title: 'Config file did not finish', hint: 'Evaluation exceeded the time limit: look for an endless loop or a promise that never settles.' },
  RG105: { title: 'No default export', hint: 'End the file with `export default defineConfig({...})` (or defineEnvironment for environments).' },
  RG106: { title: 'Default export has the wrong shape', hint: 'Export the object (or a function returning it) that defineConfig / defineEnvironment accepts.' },
  RG107: { title: 'Import not allowed or not found', hint: "Config files may import rivven-gitops, Node built-ins, relative .ts/.js files of the project and packages installed in the project's node_modules (npm install <package>)." },
  RG108: { title: 'Duplicate environment name', hint: 'Two files map to the same environment name; rename or remove one.' },
  RG109: { title: 'Invalid environment name', hint: 'Environment names come from the file path and must be DNS-1123 labels (lower case, digits, "-").' },
  RG110: {
    title: 'Unknown environment',
    hint: 'Use one of the environments found under environments/.',
    // `fleet`: the name was checked against a compiled fleet (build --env) rather than the files found;
    // the two wordings are kept as they were printed before they were gathered here.
    message: ({ name, known, fleet }: { readonly name: string; readonly known: readonly string[]; readonly fleet?: true }) =>
      fleet === true
        ? `Unknown environment "${name}"; the fleet has ${known.join(', ')}.`
        : `There is no environment '${name}': ${known.length === 0 ? 'environments/ holds no environment files' : `found ${[...known].sort().join(', ')}`}.`,
  },
  RG111: { title: 'Syntax error', hint: 'Fix the syntax error at the location shown.' },
  RG112: { title: 'Symbolic link loop under environments/', hint: 'Remove the link or point it at a directory that does not contain it: every environment file must be reachable by exactly one finite path.' },
  RG113: {
    title: 'Config file is a symbolic link leading outside the project',
    hint: 'Copy the file into the project, or link to a file inside it: config files and the files they import are read only from within the project, so no line of a file elsewhere can reach a build log.',
  },
  RG114: {
    title: 'Package resolves outside the project',
    hint: "Install the package into the project's own node_modules (npm install in the fleet repository). Packages are read only from there: not from a node_modules above the project root, nor through a link leading outside it (npm link); an npm workspace inside the repository is fine.",
  },
} satisfies Record<string, CodeInfo>;
