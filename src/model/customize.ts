/**
 * The escape hatches (`customize`): what the DSL does not model, written against the rendered objects.
 * JSON patches (RFC 6902) and partial objects targeted by kind/name/labels, extra objects (in the config
 * or in YAML files of the project) and a function over an environment's objects. Everything they make
 * is checked by the conform stage like any rendered object.
 *
 * Patches, partial objects and extra objects are keyed by a name, like topics: base and environment
 * merge by name (an environment adds its own, replaces one of the base's by using its name, or removes
 * it with `null`), so an environment never silently drops the base's patches. `objectFiles` is a list
 * and replaces as a whole, as every list does. A `transform` cannot be merged: the base's runs first,
 * then the environment's.
 */
import { z } from 'zod';
import { stringMap } from './primitives.js';

/** Which rendered objects a patch applies to: every given criterion must hold. */
export const customizeTargetSchema = z
  .strictObject({
    /** Object kind, e.g. `StatefulSet`. */
    kind: z.string().min(1).optional(),
    /** `metadata.name`. */
    name: z.string().min(1).optional(),
    /** Labels the object must carry (all of them). */
    labels: stringMap.optional(),
    /** API group (`apps`, `''` for the core group). */
    group: z.string().optional(),
    /** `metadata.namespace`. */
    namespace: z.string().min(1).optional(),
  })
  .refine((t) => t.kind !== undefined || t.name !== undefined || t.labels !== undefined, {
    message: 'A target needs at least one of kind, name or labels',
    params: { code: 'RG370' },
  });

const pointer = z.string().refine((p) => p === '' || p.startsWith('/'), { message: 'Invalid JSON pointer: expected "" or a path starting with "/"', params: { code: 'RG371' } });

/** One RFC 6902 operation. */
export const jsonPatchOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), path: pointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('replace'), path: pointer, value: z.unknown() }),
  z.strictObject({ op: z.literal('remove'), path: pointer }),
  z.strictObject({ op: z.literal('move'), from: pointer, path: pointer }),
  z.strictObject({ op: z.literal('copy'), from: pointer, path: pointer }),
  z.strictObject({ op: z.literal('test'), path: pointer, value: z.unknown() }),
]);

export const jsonPatchSchema = z.strictObject({
  target: customizeTargetSchema,
  /** Applied in order to every object the target matches. */
  ops: z.array(jsonPatchOperationSchema).min(1),
});

export const mergePatchSchema = z.strictObject({
  target: customizeTargetSchema,
  /** Merged into every object the target matches: objects merge deeply, lists and scalars replace. */
  patch: z.record(z.string(), z.unknown()),
});

/** An extra Kubernetes object, as written in the config. */
export const extraObjectSchema = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().min(1).optional() }),
});

export const customizeSchema = z.strictObject({
  /** RFC 6902 JSON patches by name, each applied to the rendered objects its target matches. */
  patches: z.record(z.string(), jsonPatchSchema).optional(),
  /** Partial objects by name, merged into the objects their target matches (strategic-merge style, lists replace). */
  merge: z.record(z.string(), mergePatchSchema).optional(),
  /** Extra objects by name, written as they are (namespaced to the environment when they name none). */
  objects: z.record(z.string(), extraObjectSchema).optional(),
  /** YAML files inside the project (globs, relative to the root) whose objects are added. */
  objectFiles: z.array(z.string().min(1)).optional(),
  /**
   * `(objects, env) => objects`: a function over the environment's rendered objects (frozen: copy what
   * you change), returning the objects to write, as plain data and deterministically. The base's runs
   * before the environment's.
   */
  transform: z
    .custom<(objects: readonly Readonly<Record<string, unknown>>[], env: { readonly name: string; readonly namespace: string; readonly profile: string }) => readonly Record<string, unknown>[]>((v) => typeof v === 'function', { message: 'Expected a function (objects, env) => objects' }).optional(),
});

