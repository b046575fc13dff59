import { Zod } from './zod';

/**
 * The input properties every action that reads a repository as the user shares (as Backstage's
 * own modules keep theirs in `inputProperties.ts`).
 */
export const repoUrlInput = (z: Zod) =>
  z.string({
    description:
      "Repository in RepoUrlPicker form ('github.com?owner=o&repo=r', 'gitlab.com?owner=group&repo=r', ...)",
  });

/** The user's token for the host; `more` says what the action does without it. */
export const userTokenInput = (more?: string) => (z: Zod) =>
  z
    .string({
      description: `The user's token for the host (RepoUrlPicker requestUserCredentials, secrets.USER_OAUTH_TOKEN)${
        more ? `. ${more}` : ''
      }`,
    })
    .optional();
