import type { CodeInfo } from '../catalog.js';

/** RG50x (RG500–RG509): rendering Rivven custom resources. */
export const renderCrCodes = {} satisfies Record<string, CodeInfo>;
