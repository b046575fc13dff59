import { OktetoDevScaffolderOptions } from './config';
import { Zod } from './zod';

/** The inputs of `okteto:dev-service:add`, in one place; descriptions name the configured defaults. */
export function devServiceInput(options: OktetoDevScaffolderOptions) {
  const { conventions } = options;
  return {
    app: (z: Zod) =>
      z
        .string({
          description:
            'App key (a DNS-1123 label). The dev key, selector, container and manifest follow oktetoDev.conventions for it',
        })
        .optional(),
    appDir: (z: Zod) =>
      z
        .string({
          description:
            "The app folder: the folder that holds the app's package.json (relative, like apps/shop). Gives the workdir (<sync remote>/<appDir>) and the package",
        })
        .optional(),
    package: (z: Zod) =>
      z
        .string({
          description: `pnpm package of the dev command. Default: the name in <appDir>/package.json`,
        })
        .optional(),
    manifestPath: (z: Zod) =>
      z
        .string({
          description: `Okteto manifest path in the workspace. Default '${conventions.manifestPath}'`,
        })
        .optional(),
    name: (z: Zod) =>
      z
        .string({
          description: `Dev service key (a DNS-1123 label). Default '${conventions.devService}' with app, else the workload`,
        })
        .optional(),
    selector: (z: Zod) =>
      z
        .record(z.string(), {
          description: `Labels of the workload to replace. Default with app: ${JSON.stringify(
            conventions.selector,
          )}`,
        })
        .optional(),
    workload: (z: Zod) =>
      z
        .string({
          description:
            'Workload name, when it is targeted by the dev key (no selector)',
        })
        .optional(),
    container: (z: Zod) =>
      z
        .string({
          description: `Container to replace. Default with app: '${conventions.container}'`,
        })
        .optional(),
    workdir: (z: Zod) =>
      z
        .string({
          description:
            'Working directory in the container (absolute). Default: from appDir; not together with appDir',
        })
        .optional(),
    command: (z: Zod) =>
      z
        .union([z.string(), z.array(z.string())], {
          description:
            'Command of the dev container. Default: oktetoDev.scaffolder.devCommand for the package',
        })
        .optional(),
    image: (z: Zod) =>
      z
        .string({
          description: `Dev image. Default: ${
            options.devImage ?? "the workload's image"
          }`,
        })
        .optional(),
    sync: (z: Zod) =>
      z
        .array(z.string(), {
          description:
            "Sync folders 'local:remote'. Default ['..:/app'] for a manifest in .okteto/, else ['.:/app']",
        })
        .optional(),
    forward: (z: Zod) =>
      z
        .array(z.string(), {
          description: `Port forwards. Default ${JSON.stringify(
            options.forward,
          )}`,
        })
        .optional(),
    environment: (z: Zod) =>
      z.record(z.string(), { description: 'Environment variables' }).optional(),
    aliases: (z: Zod) =>
      z
        .array(z.string(), {
          description: 'Extra keys with the same definition',
        })
        .optional(),
    replace: (z: Zod) =>
      z
        .boolean({
          description:
            'Overwrite an existing entry with a different definition. Default false',
        })
        .optional(),
    manifestName: (z: Zod) =>
      z
        .string({
          description: "The manifest's name: when the file is created",
        })
        .optional(),
  };
}

/** The outputs of `okteto:dev-service:add`. */
export const devServiceOutput = {
  changed: (z: Zod) =>
    z.boolean({ description: 'Whether the manifest was written' }),
  path: (z: Zod) => z.string({ description: 'Manifest path in the workspace' }),
  name: (z: Zod) => z.string({ description: 'The dev service key' }),
  labelSelector: (z: Zod) =>
    z
      .string({
        description: "The selector as 'k=v,k=v'; absent without a selector",
      })
      .optional(),
  container: (z: Zod) => z.string().optional(),
  workdir: (z: Zod) => z.string().optional(),
  package: (z: Zod) =>
    z.string({ description: 'The package of the dev command' }).optional(),
  command: (z: Zod) =>
    z.string({ description: 'The dev command, as one line' }).optional(),
  diff: (z: Zod) =>
    z.string({
      description: 'Unified diff of the manifest; empty when nothing changed',
    }),
  reason: (z: Zod) =>
    z.string({
      description:
        "The entity card's checklist message for the missing manifest or dev entry (English); empty when it was there",
    }),
  summary: (z: Zod) =>
    z.string({
      description:
        'A markdown line saying what changed; empty when nothing did',
    }),
};
