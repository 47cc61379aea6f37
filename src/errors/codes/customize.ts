import type { CodeInfo } from '../code-info.js';

/** RG370–RG399: the escape hatches (`customize`): patches, partial objects, extra objects, transforms. */
export const customizeCodes = {
  RG370: {
    title: 'Customization target matches no object',
    hint: 'Fix the target (kind, name, labels, group, namespace) so it names a rendered object: `rivven-gitops build` writes every object under out/, or remove the patch.',
  },
  RG371: {
    title: 'JSON patch cannot be applied',
    hint: 'Every step of an operation\'s path must exist (only the last step of an `add` may be new; `-` appends to a list). Look at the rendered object under out/ for the paths it has.',
  },
  RG372: {
    title: 'Not a Kubernetes object',
    hint: 'An extra object needs apiVersion, kind and metadata.name, and holds only plain data (strings, numbers, booleans, null, lists and maps).',
  },
  RG373: {
    title: 'Extra object already exists',
    hint: 'An object with this group, kind, namespace and name is already rendered or added: change it with a patch instead, or rename yours.',
  },
  RG374: {
    title: 'Customize function failed',
    hint: 'The `transform` function threw: fix it so it returns the objects for every environment. It runs at every build and must be deterministic.',
  },
  RG375: {
    title: 'Customize function returned something else',
    hint: 'A `transform` returns an array of Kubernetes objects made of plain data, synchronously (no Promise, no class instances, functions, dates or undefined).',
  },
  RG376: {
    title: 'Object file outside the project',
    hint: '`customize.objectFiles` holds paths or globs relative to the project root, without `..` and not absolute.',
  },
  RG377: {
    title: 'Object file through a symbolic link outside the project',
    hint: 'Copy the file into the project: a symbolic link leading outside it is not read.',
  },
  RG378: {
    title: 'Object file is not valid YAML',
    hint: 'Fix the YAML at the position shown; documents are separated by `---`.',
  },
  RG379: {
    title: 'Object file pattern matches no file',
    hint: 'Fix the path or glob (relative to the project root), or remove it from `customize.objectFiles`.',
  },
  RG380: {
    title: 'Object file cannot be read',
    hint: 'Check that the file exists and is readable.',
  },
} satisfies Record<string, CodeInfo>;
