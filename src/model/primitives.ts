/**
 * Reusable zod pieces. Custom checks carry their catalog code in `params.code`, so the validate stage can
 * report them with the right code and the position of the offending value.
 */
import { z } from 'zod';
import { isCron, isDnsLabel, isDnsSubdomain, isPrometheusDuration, parseDuration, parseQuantity, parseSize } from '../core/units.js';

/*
 * Template-literal input types, so the editor checks units: a duration is a number and a unit, then
 * optionally more (`'7d'`, `'1h30m'`); a bare number is no duration in the types (`retention: 365`:
 * 365 what?), only `0` is, and plain JavaScript may still pass milliseconds. A size or quantity is a
 * number with a binary (`Gi`), decimal (`G`, `k`) or milli (`m`) suffix, or a number; `'500GB'` is
 * refused. Spelled inline (not as named aliases): the printed public types (scripts/build-public-types.mjs)
 * must not name a type their file does not declare.
 */
/** A friendly duration (`'7d'`, `'12h'`, `'1h30m'`) or milliseconds; resolves to milliseconds. */
export const durationMs = z
  .custom<`${number}${'w' | 'd' | 'h' | 'm' | 's' | 'ms'}${string}` | 0>()
  // The type above is what the editor checks; at run time the union below checks the value's type.
  .transform((v): string | number => v)
  .pipe(z.union([z.string(), z.number()]))
  .refine((v) => parseDuration(v) !== undefined, {
    message: "Invalid duration: expected e.g. '30s', '15m', '12h', '7d' or a whole number of milliseconds",
    params: { code: 'RG309' },
  })
  .transform((v) => parseDuration(v) ?? 0)
  .meta({ type: ['string', 'number'], unit: "duration: '30s', '12h', '7d', '1h30m' or milliseconds" });

/** A Prometheus-style duration string kept as written (`'15s'`, `'1m'`). */
export const promDuration = z
  .string()
  .refine(isPrometheusDuration, {
    message: "Invalid duration: expected e.g. '15s', '1m' or '5m30s'",
    params: { code: 'RG309' },
  })
  .meta({ unit: "Prometheus duration: '15s', '1m', '5m30s'" });

/** A size (`'1Gi'`, `'512Mi'`) or a byte count; resolves to bytes. */
export const sizeBytes = z
  .custom<`${number}${'' | 'Ki' | 'Mi' | 'Gi' | 'Ti' | 'Pi' | 'Ei' | 'n' | 'u' | 'm' | 'k' | 'K' | 'M' | 'G' | 'T' | 'P' | 'E'}` | number>()
  .transform((v): string | number => v)
  .pipe(z.union([z.string(), z.number()]))
  .refine((v) => parseSize(v) !== undefined, {
    message: "Invalid size: expected e.g. '512Mi', '1Gi' or a whole number of bytes",
    params: { code: 'RG323' },
  })
  .transform((v) => parseSize(v) ?? 0)
  .meta({ type: ['string', 'number'], unit: "size: '512Mi', '1Gi' or bytes" });

/** A Kubernetes quantity kept as written, so the manifest shows what the user wrote. */
export const quantity = z
  .custom<`${number}${'' | 'Ki' | 'Mi' | 'Gi' | 'Ti' | 'Pi' | 'Ei' | 'n' | 'u' | 'm' | 'k' | 'K' | 'M' | 'G' | 'T' | 'P' | 'E'}` | number>()
  .transform((v): string | number => v)
  .pipe(z.union([z.string(), z.number()]))
  .refine((v) => parseQuantity(v) !== undefined && (parseQuantity(v) ?? -1) >= 0, {
    message: 'Invalid quantity: expected e.g. 500m, 2, 512Mi or 100Gi',
    params: { code: 'RG308' },
  })
  .transform((v) => String(v))
  .meta({ type: ['string', 'number'], unit: "Kubernetes quantity: '500m', '2', '512Mi', '100Gi'" });

export const cron = z
  .string()
  .refine(isCron, {
    message: "Invalid cron expression: expected five fields, e.g. '0 2 * * *'",
    params: { code: 'RG310' },
  })
  .meta({ unit: "cron: five fields, e.g. '0 2 * * *', or @daily" });

export const dnsLabel = z
  .string()
  .refine(isDnsLabel, {
    message: 'Invalid name: must be a DNS-1123 label (lower case letters, digits and "-", at most 63 characters)',
    params: { code: 'RG303' },
  })
  .meta({ unit: 'DNS-1123 label (at most 63 characters)' });

/** Names of Secrets and ConfigMaps: DNS-1123 subdomains. */
export const objectName = z
  .string()
  .refine(isDnsSubdomain, {
    message: 'Invalid object name: must be a DNS-1123 subdomain (lower case letters, digits, "-" and ".")',
    params: { code: 'RG306' },
  })
  .meta({ unit: 'Kubernetes object name (DNS-1123 subdomain)' });

export const port = z.number().int().min(1).max(65535).meta({ unit: 'port number' });

export const stringMap = z.record(z.string(), z.string());

/** A key of a Secret in the environment's namespace. Values are never written: only the reference. */
export const secretKeyRef = z.strictObject({
  /** Name of the Secret. */
  secretName: objectName,
  /** Key inside the Secret. */
  key: z.string().min(1).regex(/^[-._a-zA-Z0-9]+$/, 'Invalid Secret key: letters, digits, "-", "_" and "." only'),
});

export const resourceList = z.strictObject({
  cpu: quantity.optional(),
  memory: quantity.optional(),
  'ephemeral-storage': quantity.optional(),
});

/** Kubernetes resource requirements. */
export const resources = z.strictObject({
  requests: resourceList.optional(),
  limits: resourceList.optional(),
});

/** A Kubernetes toleration, as written in a pod spec. */
export const toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().optional(),
});

/** An extra container environment variable: a literal value or a Secret/ConfigMap reference. */
export const envVar = z.strictObject({
  name: z.string().regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'Invalid environment variable name'),
  value: z.string().optional(),
  secretKeyRef: z.strictObject({ name: objectName, key: z.string().min(1) }).optional(),
  configMapKeyRef: z.strictObject({ name: objectName, key: z.string().min(1) }).optional(),
});

export const probeTiming = z.strictObject({
  initialDelaySeconds: z.number().int().min(0).optional(),
  periodSeconds: z.number().int().min(1).optional(),
  timeoutSeconds: z.number().int().min(1).optional(),
  failureThreshold: z.number().int().min(1).optional(),
  successThreshold: z.number().int().min(1).optional(),
});

/** An int or a percentage string, as PodDisruptionBudget accepts. */
export const intOrPercent = z.union([
  z.number().int().min(0),
  z.string().regex(/^\d{1,3}%$/, "Invalid value: expected a whole number or a percentage such as '50%'"),
]);
