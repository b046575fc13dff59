import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DEV_MESSAGE_TEMPLATES,
  DevMessage,
  DevMessageParams,
} from '@okteto-dev/plugin-okteto-dev-common';
import { useCallback } from 'react';
import { oktetoDevTranslationRef } from '../../translation';

/** `t` seen through a key it cannot check at compile time: a code that arrived at run time. */
type MessageT = (key: string, params: DevMessageParams) => string;

/**
 * The statement in the reader's language: `msg.<code>` with the message's parameters. A code
 * this frontend does not know (a newer backend) falls back to the backend's English text.
 */
export function renderDevMessage(t: MessageT, message: DevMessage): string {
  if (
    !Object.prototype.hasOwnProperty.call(DEV_MESSAGE_TEMPLATES, message.code)
  ) {
    return message.message;
  }
  return t(`msg.${message.code}`, message.params ?? {});
}

/** Renders {@link DevMessage}s with the plugin's translations. */
export function useDevMessage(): (message: DevMessage) => string {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return useCallback(
    (message: DevMessage) =>
      renderDevMessage(t as unknown as MessageT, message),
    [t],
  );
}
