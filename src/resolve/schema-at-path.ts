/**
 * Reading the zod model back: which schema checks the value at a config path. Findings use it to name
 * the fields an object accepts (for "did you mean") and the full range of a number, which zod's issue
 * only gives one end of.
 */
import { z } from 'zod';
import type { PathSegment } from '../core/path.js';

/** Strips the wrappers that do not change what a value must look like (optional, default, transform…). */
export function unwrapSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let current: z.core.$ZodType = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNonOptional ||
      current instanceof z.ZodReadonly ||
      current instanceof z.ZodCatch
    ) {
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) {
      // A transform's input side is what the user wrote.
      current = current.in;
    } else if (current instanceof z.ZodLazy) {
      current = current.unwrap();
    } else {
      return current;
    }
  }
}

/** The schema for the value at `path`, or undefined when the path leaves the model or crosses a union. */
export function schemaAtPath(root: z.core.$ZodType, path: readonly PathSegment[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType = unwrapSchema(root);
  for (const segment of path) {
    const next = childSchema(current, segment);
    if (next === undefined) return undefined;
    current = unwrapSchema(next);
  }
  return current;
}

function childSchema(schema: z.core.$ZodType, segment: PathSegment): z.core.$ZodType | undefined {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.core.$ZodType> = schema.shape;
    return typeof segment === 'string' && Object.prototype.hasOwnProperty.call(shape, segment) ? shape[segment] : undefined;
  }
  if (schema instanceof z.ZodRecord) return schema.valueType;
  if (schema instanceof z.ZodArray) return typeof segment === 'number' ? schema.element : undefined;
  return undefined;
}

/** Field names an object at `path` accepts, sorted; empty when the path is not an object of the model. */
export function knownKeys(root: z.core.$ZodType, path: readonly PathSegment[]): string[] {
  const schema = schemaAtPath(root, path);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape).sort() : [];
}

/** The inclusive bounds of a number at `path`, as far as the model states them. */
export function numberBounds(root: z.core.$ZodType, path: readonly PathSegment[]): { min?: number; max?: number } {
  const schema = schemaAtPath(root, path);
  if (!(schema instanceof z.ZodNumber)) return {};
  const finite = (n: number | null): n is number => n !== null && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  return {
    ...(finite(schema.minValue) ? { min: schema.minValue } : {}),
    ...(finite(schema.maxValue) ? { max: schema.maxValue } : {}),
  };
}
