/**
 * The comments a scaffold carries where it makes a choice Rivven 0.0.22 forces, or keeps a value the
 * build then warns about. Each names the warning's code, so a user can tell a deliberate warning from
 * a new one, and the upstream fact behind it, worded from the fact table (src/facts) so the scaffold
 * says no more and no less than the validation rules do.
 */
import { formatCitations } from '../facts/citation.js';
import { rivvendListeners, rivvendUsers } from '../facts/rivvend.js';
import { topicCreation } from '../facts/topic-settings.js';

const client = rivvendListeners.client;
const http = rivvendListeners.http;

/** How topics could come to exist, for the `target` comment and the notes on imported topics. */
const topicCreationText = `Nothing in this fleet creates topics unless \`topicJob: { image }\` names a rivven CLI image you build (none is published), or you create them with \`rivven topic create\` outside it (RG328). Whether rivvend 0.0.22 creates a topic on a producer's first write is not confirmed: that was read only in ${formatCitations(topicCreation.autoCreate.cite)}.`;

/** Why the scaffold renders rivvend itself: said where `target` is set, in the base and with an import. */
export const manifestsTargetComment = `'manifests' renders the StatefulSet running rivvend itself: the operator of Rivven 0.0.22 cannot bring up a working cluster (its broker pods do not start). ${topicCreationText}`;

/** RG427 avoided: why client auth is off, and what guards the client port instead. */
export const authOffComment = `Client auth off (RIVVEN_NO_REQUIRE_AUTH): ${rivvendUsers.summary}, so with auth on every client is refused (RG427; ${formatCitations(rivvendUsers.cite)}). networkPolicy limits who reaches the client port ${client.port} instead. Turn auth on with a Rivven release that can load users.`;

/** Why the NetworkPolicies matter more than usual: with auth off they are the only guard of 9092. */
export const clientPortPolicyComment = `With client auth off, this is what guards the client port ${client.port}: every broker port is closed by default, and ${client.port} is open only to pods of this namespace and of the namespaces listed here. List your producers' and consumers' namespaces.`;

/** RG424, deliberately: TLS still encrypts the HTTP API (and Raft with it), not the client port. */
export function clientTlsComment(mtls: boolean): string {
  return `Deliberate warning (RG424): TLS encrypts the HTTP API on ${http.port} (Raft between brokers, probes, metrics), but the published rivvend image is built without the \`tls\` cargo feature, so the client port ${client.port} stays plaintext${mtls ? ' and client certificates are not checked' : ''} (${formatCitations(client.cite)}). networkPolicy limits who reaches ${client.port}; a rivvend built with --features tls, set as cluster.image, encrypts it.`;
}

/** For imported topics kept as a record under `manifests`: RG328 once per environment, RG425 per topic. */
export const importedTopicsComment = `kept as imported, as the record of what you run today. Build warns about this block once per environment (RG328), deliberately: no RivvenTopic is rendered without the operator. ${topicCreationText} Rivven 0.0.22 applies no per-topic setting beyond the broker-wide defaults (RIVVEN_DEFAULT_PARTITIONS, RIVVEN_REPLICATION_FACTOR, RIVVEN_MIN_ISR), and nothing deletes a topic under this target, so build also lists per topic what it does not apply (RG425), deliberately.`;

/** For overlay topic values kept for the checklist under `manifests`. */
export const overlayTopicsSentence =
  'Target "manifests" creates no topics (RG328) and Rivven 0.0.22 applies no per-topic setting beyond the broker-wide defaults (RG425), so build warns about this block, deliberately: the values are kept for the checklist and for later.';
