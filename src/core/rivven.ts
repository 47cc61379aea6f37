/** The API group and version of the Rivven operator's custom resources (RivvenCluster, RivvenTopic, …). */
export const rivvenGroup = 'rivven.hupe1980.github.io';
export const rivvenVersion = 'v1alpha1';
export const rivvenApiVersion = `${rivvenGroup}/${rivvenVersion}`;
