import type { DeepReadonly, UserConfig, UserEnvironment } from '../model/types.js';

/** Context handed to the function form of `defineEnvironment`. */
export interface EnvironmentContext {
  /** Environment name, from the file path (`environments/prod.ts` → `prod`). */
  readonly name: string;
  /** The base configuration as written in rivven.config.ts (read-only). */
  readonly base: DeepReadonly<UserConfig>;
}

export type ConfigExport = UserConfig | (() => UserConfig);
export type EnvironmentExport = UserEnvironment | ((context: EnvironmentContext) => UserEnvironment);

/**
 * Declares the fleet's base configuration. Returns its argument: its value is the type, which your
 * editor checks as you type.
 */
export function defineConfig(config: ConfigExport): ConfigExport {
  return config;
}

/**
 * Declares one environment as changes to the base: objects merge deeply, named collections by key,
 * arrays and scalars replace, `null` removes. The function form receives the environment's name and the base.
 */
export function defineEnvironment(environment: EnvironmentExport): EnvironmentExport {
  return environment;
}
