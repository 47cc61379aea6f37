import type { CodeInfo } from '../catalog.js';

/** RG9xx: command line usage. */
export const cliCodes = {} satisfies Record<string, CodeInfo>;
