/**
 * The deployment guide's schema-registry words, mapped onto the real RivvenSchemaRegistry fields
 * (RUNTIME.md): `server.requestTimeoutMs` → `server.timeoutSeconds`, `compatibility.perSubject` →
 * `compatibility.subjects`, `formats` → `schemas`, `externalRegistry` → `external` (registryType
 * `compatible` → `confluent`, `registryUrl` → `confluentUrl`); the `auth.cedar` block has no field and
 * is dropped. The validate stage reports each word (RG403, RG406–RG409); renderers call this so they
 * only ever see the CRD's words. Where both words are written the CRD's word wins (a conflict is an
 * error the validate stage reports before anything renders).
 */
import type { DeepReadonly, ResolvedSchemaRegistry } from '../model/types.js';

type Registry = ResolvedSchemaRegistry;
type External = NonNullable<Registry['external']>;

/** A schema registry in the CRD's own words only: the guide's aliases are gone from the type. */
export type NormalizedSchemaRegistry = DeepReadonly<
  Omit<Registry, 'server' | 'compatibility' | 'formats' | 'externalRegistry' | 'auth'> & {
    server: Omit<Registry['server'], 'requestTimeoutMs'>;
    compatibility: Omit<Registry['compatibility'], 'perSubject'>;
    auth?: Omit<NonNullable<Registry['auth']>, 'cedar'>;
  }
>;

export function normalizeSchemaRegistry(registry: Registry): NormalizedSchemaRegistry {
  const { server, compatibility, formats, externalRegistry, auth, schemas, external, ...rest } = registry;
  const { requestTimeoutMs, timeoutSeconds, ...serverRest } = server;
  const { perSubject, subjects, ...compatibilityRest } = compatibility;
  const timeout = timeoutSeconds ?? (requestTimeoutMs === undefined ? undefined : Math.ceil(requestTimeoutMs / 1000));
  const mergedSubjects = perSubject === undefined && subjects === undefined ? undefined : { ...perSubject, ...subjects };
  const mergedSchemas = formats === undefined && schemas === undefined ? undefined : { ...formats, ...schemas };
  const mergedExternal = external ?? (externalRegistry === undefined ? undefined : externalFromGuide(externalRegistry));
  const authWithoutCedar = auth === undefined ? undefined : withoutCedar(auth);
  return {
    ...rest,
    server: { ...serverRest, ...(timeout === undefined ? {} : { timeoutSeconds: timeout }) },
    compatibility: { ...compatibilityRest, ...(mergedSubjects === undefined ? {} : { subjects: mergedSubjects }) },
    ...(mergedSchemas === undefined ? {} : { schemas: mergedSchemas }),
    ...(mergedExternal === undefined ? {} : { external: mergedExternal }),
    ...(authWithoutCedar === undefined ? {} : { auth: authWithoutCedar }),
  };
}

function externalFromGuide(guide: NonNullable<Registry['externalRegistry']>): External {
  const { registryType, registryUrl, ...same } = guide;
  return {
    ...same,
    // The guide's "compatible" means any Confluent-API registry, which is what the CRD calls confluent.
    registryType: registryType === 'compatible' ? 'confluent' : registryType,
    ...(registryUrl === undefined ? {} : { confluentUrl: registryUrl }),
  };
}

function withoutCedar(auth: NonNullable<Registry['auth']>): Omit<NonNullable<Registry['auth']>, 'cedar'> {
  const { cedar: _cedar, ...rest } = auth;
  return rest;
}
