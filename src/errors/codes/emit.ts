import type { CodeInfo } from '../catalog.js';

/** RG6xx: kustomize layout and writing out/. */
export const emitCodes = {} satisfies Record<string, CodeInfo>;
