import { z } from 'zod';
import { defaults } from './defaults.js';
import { durationMs } from './primitives.js';

/** HorizontalPodAutoscaler for the broker StatefulSet (target `manifests` only: RG312). */
export const autoscalingSchema = z.strictObject({
  /** @default true once the block is present */
  enabled: z.boolean().default(true),
  minReplicas: z.number().int().min(1).max(100),
  maxReplicas: z.number().int().min(1).max(100),
  /** @default 70 */
  targetCPUUtilization: z.number().int().min(1).max(100).default(defaults.autoscaling.targetCPUUtilization),
  /** @default 80 */
  targetMemoryUtilization: z.number().int().min(1).max(100).optional(),
  /** Wait before scaling down. @default '5m' */
  scaleDownStabilization: durationMs.default(defaults.autoscaling.scaleDownStabilizationSeconds * 1000),
  /** Brokers removed per minute at most. @default 1 */
  scaleDownPodsPerMinute: z.number().int().min(1).default(1),
});
