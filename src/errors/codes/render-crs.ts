import type { CodeInfo } from '../code-info.js';

/** RG50x (RG500–RG509): rendering Rivven custom resources. */
export const renderCrCodes = {
  RG500: {
    title: 'postgresCdc and config set the same connector key',
    hint: 'Set the value in one place: in postgresCdc (typed) or in config (free-form), not both.',
  },
  RG501: {
    title: 'CDC setting not read by the postgres-cdc connector',
    hint: 'The postgres-cdc connector of this Rivven version has no key for it: the value is passed through but has no effect. Remove it, or keep it knowing it does nothing yet.',
  },
  RG502: {
    title: 'Column mask text cannot be chosen',
    hint: "The connector's mask_field transform replaces the listed columns with its own mask; the text you gave is not used.",
  },
  RG503: {
    title: 'Name the postgres-cdc connector refuses',
    hint: 'Table, publication and slot names may contain only letters, digits, "_" and "." and must not start with a digit; the connector refuses anything else at start-up.',
  },
  RG504: {
    title: 'Value the RivvenCluster CRD rejects',
    hint: 'The API server refuses the RivvenCluster with this value: use a value within the CRD schema.',
  },
  RG505: {
    title: 'Value raised to the CRD minimum',
    hint: 'The CRD has a minimum for this field; rivven-gitops renders the minimum instead. Write a value at or above it.',
  },
  RG506: {
    title: 'Setting the custom resource cannot carry',
    hint: 'The Rivven CRD has no field for this setting, so it is not rendered. Remove it, or use target "manifests".',
  },
  RG507: {
    title: 'CDC transform setting of the wrong shape',
    hint: "mask_field and value_to_key need `fields` as a list, e.g. fields: ['ssn', 'credit_card']; the connector refuses anything else at start-up.",
  },
} satisfies Record<string, CodeInfo>;
