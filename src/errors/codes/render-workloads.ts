import type { CodeInfo } from '../catalog.js';

/** RG51x–RG52x (RG510–RG529): manifests target, TLS, auth and operator install. */
export const renderWorkloadCodes = {} satisfies Record<string, CodeInfo>;
