import { OktetoDevScaffolderOptions } from './config';
import { APPLICATION_FIXES } from './devApplicationPatchEdit';
import { Zod } from './zod';

/** The inputs of `argocd:dev-application:patch`; names and paths default to the conventions. */
export function devApplicationPatchInput(options: OktetoDevScaffolderOptions) {
  const { conventions: c } = options;
  const text = (description: string) => (z: Zod) =>
    z.string({ description }).optional();
  return {
    app: (z: Zod) => z.string({ description: 'App key (a DNS-1123 label)' }),
    fixes: (z: Zod) =>
      z.array(z.enum(APPLICATION_FIXES), {
        description:
          "What to fix, by checklist id: 'self-heal-off' sets syncPolicy.automated.selfHeal: false; " +
          "'replicas-ignored' adds ignoreDifferences for /spec/replicas of the workload and the sync option RespectIgnoreDifferences=true",
      }),
    applicationPath: text(
      `The Application file in the workspace. Default '${c.applicationPath}'`,
    ),
    applicationName: text(
      `The Application, when the file holds several. Default '${c.applicationName}'`,
    ),
    workload: text(
      `The Deployment whose /spec/replicas Argo CD leaves to Okteto. Default '${c.workload}'`,
    ),
    namespace: text(
      `The workload namespace (an ignoreDifferences entry for another namespace does not count). Default '${c.namespace}'`,
    ),
  };
}

/** The outputs of `argocd:dev-application:patch`. */
export const devApplicationPatchOutput = {
  changed: (z: Zod) =>
    z.boolean({ description: 'Whether the file was written' }),
  path: (z: Zod) => z.string({ description: 'The Application file' }),
  applicationName: (z: Zod) =>
    z.string({ description: 'metadata.name of the Application edited' }),
  workload: (z: Zod) =>
    z.string({ description: 'The Deployment the replicas guard names' }),
  fixed: (z: Zod) =>
    z.array(z.string(), { description: 'The fixes that changed the file' }),
  alreadyFixed: (z: Zod) =>
    z.array(z.string(), { description: 'The fixes the file already had' }),
  diff: (z: Zod) =>
    z.string({
      description: 'Unified diff of the file; empty when nothing changed',
    }),
  reason: (z: Zod) =>
    z.string({
      description:
        "The entity card's checklist message for what was fixed (English); empty when nothing was",
    }),
  summary: (z: Zod) =>
    z.string({
      description:
        'Markdown lines saying what changed and why; empty when nothing did',
    }),
};
