import type { CodeInfo } from '../code-info.js';

/** RG210–RG219: which schemas a fleet is checked against. */
export const schemaSetCodes = {
  RG210: {
    title: 'Rivven version without a schema pack',
    hint: 'Pin a supported rivvenVersion (the message lists them), or give the CRDs your operator installs with `crdSchemas` (a directory inside the project).',
  },
  RG211: {
    title: 'CRD directory cannot be used',
    hint: '`crdSchemas` must name a directory inside the project holding CustomResourceDefinition YAML files, reached without symbolic links.',
  },
} satisfies Record<string, CodeInfo>;

/**
 * RG450–RG489: the conform stage. Every rendered object is checked against the schema its API server
 * enforces; each class of violation has its own code.
 */
export const conformCodes = {
  RG450: {
    title: 'Field the API server would prune or reject',
    hint: 'The schema of this kind has no such field: the API server drops it silently (custom resources) or refuses the object (strict validation). Remove the value, or check the spelling.',
  },
  RG451: { title: 'Value of the wrong type for the schema', hint: 'Give a value of the type the schema declares.' },
  RG452: { title: 'Value the schema does not allow', hint: 'Use one of the values the schema lists.' },
  RG453: { title: 'Value outside the schema range', hint: 'Give a value (length, count) inside the range the schema declares.' },
  RG454: { title: 'Value not in the format the schema requires', hint: 'Write the value in the format the schema gives (pattern, quantity, duration, …).' },
  RG455: { title: 'Field the schema requires is missing', hint: 'Set the field: the API server refuses the object without it.' },
  RG456: { title: 'Value the schema refuses', hint: 'See the message for the forms the schema allows.' },
  RG457: {
    title: 'Kind without a schema',
    hint: 'rivven-gitops knows no schema for this apiVersion/kind, so it cannot promise the API server accepts it. Use a kind and version the cluster serves.',
  },
  RG458: {
    title: 'Kind not checked against a schema',
    hint: 'rivven-gitops ships no schema for this add-on kind, so the API server may still refuse it; review it by hand or with `kubectl apply --dry-run=server`.',
  },
  RG460: { title: 'Invalid object name', hint: 'Object names are DNS names: lower-case letters, digits, "-" (and "." where allowed), at most 253 characters (63 for namespaces and Services). Shorten or rename the value that makes up the name.' },
  RG461: { title: 'Invalid namespace name', hint: 'A namespace name is a DNS-1123 label: at most 63 lower-case letters, digits and "-".' },
  RG462: { title: 'Invalid label key', hint: 'A label key is an optional DNS-subdomain prefix and "/" and a name of at most 63 letters, digits, "-", "_", "."; starting and ending alphanumeric.' },
  RG463: { title: 'Invalid label value', hint: 'A label value is at most 63 letters, digits, "-", "_" and ".", starting and ending alphanumeric (or empty). Put free text in an annotation instead.' },
  RG464: { title: 'Invalid annotation key', hint: 'An annotation key has the same form as a label key: an optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_", ".".' },
  RG465: { title: 'Annotations too large', hint: 'All annotations of one object together may hold at most 256 KiB; move large data into a ConfigMap.' },
  RG466: { title: 'Invalid port name', hint: 'Container port names are IANA service names (at most 15 lower-case letters, digits and "-", at least one letter); Service port names are DNS labels.' },
} satisfies Record<string, CodeInfo>;
