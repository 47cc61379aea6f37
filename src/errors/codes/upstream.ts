import type { CodeInfo } from '../code-info.js';
import { operatorDefects, type OperatorDefectCode } from '../../facts/operator-defects.js';

/**
 * RG414–RG449: upstream Rivven 0.0.22 defects and limits, read from the fact table (src/facts).
 * RG414–RG423 are the operator's blocking defects (one per defect, titles from the table).
 */
function defect(code: OperatorDefectCode): CodeInfo {
  const found = operatorDefects.find((d) => d.code === code);
  if (found === undefined) throw new Error(`internal error: no operator defect ${code} in the fact table`);
  return { title: found.title, hint: found.fix };
}

const defectCodes = {
  RG414: defect('RG414'),
  RG415: defect('RG415'),
  RG416: defect('RG416'),
  RG417: defect('RG417'),
  RG418: defect('RG418'),
  RG419: defect('RG419'),
  RG420: defect('RG420'),
  RG421: defect('RG421'),
  RG422: defect('RG422'),
  RG423: defect('RG423'),
} satisfies Record<OperatorDefectCode, CodeInfo>;

export const upstreamCodes = {
  ...defectCodes,
  RG424: {
    title: 'Client TLS is compiled out of the published broker image',
    hint: 'The release build lacks the `tls` cargo feature: 9092 stays plaintext while 9094 serves HTTPS. Build rivvend with --features tls and set cluster.image, or treat 9092 as plaintext inside the cluster.',
  },
  RG425: {
    title: 'Topic settings Rivven 0.0.22 cannot apply',
    hint: 'Nothing in 0.0.22 carries per-topic settings to a broker; set broker-wide defaults in cluster.config, or remove the settings so Git says what runs.',
  },
  RG427: {
    title: 'rivvend 0.0.22 cannot load users',
    hint: 'Set cluster.auth.enabled: false (RIVVEN_NO_REQUIRE_AUTH) and restrict the client port with networkPolicy, until a Rivven release can load users.',
  },
  RG428: {
    title: 'Topic Job cannot run',
    hint: 'The rivven CLI of 0.0.22 cannot authenticate: set cluster.auth.enabled: false (and limit the client port with networkPolicy), or remove topicJob.',
  },
  RG429: {
    title: 'Auth setting rivvend 0.0.22 does not read',
    hint: 'Remove the setting (its Secret or ConfigMap is never read, so nothing needs to create it), or keep it for a Rivven release that reads it; until then client auth cannot be configured.',
  },
  RG430: {
    title: 'Client auth off with nothing else guarding the client port',
    hint: 'With cluster.auth.enabled: false (RIVVEN_NO_REQUIRE_AUTH) add networkPolicy (only the listed namespaces reach 9092), or mTLS (cluster.tls.mtls) on a broker image built with the `tls` feature.',
  },
  RG426: {
    title: 'Field pruned by the chosen CRD schemas',
    hint: 'The CRD schemas in operator.crds.schema do not keep this field: the API server drops it. Choose other CRD schemas or remove the setting.',
  },
} satisfies Record<string, CodeInfo>;
