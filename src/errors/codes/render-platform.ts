import type { CodeInfo } from '../catalog.js';

/** RG53x–RG54x (RG530–RG549): monitoring, network, ingress, backup, Argo CD, runbook. */
export const renderPlatformCodes = {} satisfies Record<string, CodeInfo>;
