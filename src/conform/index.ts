export { conformFleet, violationCodes, type ConformedRender, type ConformOptions } from './conform-fleet.js';
export { conformObject, type ConformedObject, type SchemaOrigin } from './conform-object.js';
export { checkRivvenVersions } from './check-rivven-version.js';
export { formatFieldPath, formatPointer, type FieldPath, type SchemaViolation, type ViolationClass } from './violation.js';
export { modelPackages, modelPackageVersion } from './builtin-models.js';
