/** The public API of rivven-gitops: what `import … from 'rivven-gitops'` gives user files and tools. */
export { defineConfig, defineEnvironment } from './dsl/define.js';
export type { ConfigExport, EnvironmentContext, EnvironmentExport } from './dsl/define.js';
export { seconds, minutes, hours, days, weeks, kib, mib, gib, tib, secretKey } from './dsl/units.js';
export type { DurationString, SizeString } from './dsl/units.js';
export type {
  Overlay,
  UserConfig,
  UserEnvironment,
  UserCluster,
  UserTopic,
  UserConnectPipeline,
  UserSource,
  UserSink,
  UserPostgresCdc,
  UserSchemaRegistry,
  ResolvedConfig,
  ResolvedEnvironment,
  ResolvedFleet,
  ResolvedTopic,
  ResolvedKubeCluster,
  Provenance,
  LeafProvenance,
  ValueOrigin,
} from './model/types.js';
export type { Finding, Severity, SourceLocation } from './errors/diagnostic.js';
export { UserError, InternalError } from './errors/diagnostic.js';
