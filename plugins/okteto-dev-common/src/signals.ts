/**
 * The prefix of the signal channels on which the okteto-dev backend says that an entity's dev
 * status changed. The rest of a channel's name is opaque: an HMAC of the entity ref under a secret
 * that only the backend holds, so a channel cannot be computed from an entity ref. The backend
 * hands an entity's channel out with its status (`DevStatus.live.channel`), that is only to
 * callers who may read that status; a browser subscribes to the channel it was given.
 *
 * @public
 */
export const DEV_STATUS_CHANNEL_PREFIX = 'okteto-dev:status:';

/**
 * What a status signal carries: when the change was seen, nothing else — neither the entity nor
 * anything of its status. The subscriber knows which entity the channel is for (it got the
 * channel with that entity's status) and refetches through the permission-checked endpoint.
 *
 * @public
 */
export interface DevStatusSignal {
  /** A signal message is a JSON object of strings. */
  [key: string]: string;
  /** When the change was seen. */
  changedAt: string;
}
