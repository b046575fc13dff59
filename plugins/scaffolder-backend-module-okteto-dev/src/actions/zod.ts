import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/**
 * The zod instance the scaffolder passes to schema functions (`z => z.string()`), so that input
 * properties can be declared apart from the action, as backstage's own modules do in
 * `inputProperties.ts`.
 */
export type Zod = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];
