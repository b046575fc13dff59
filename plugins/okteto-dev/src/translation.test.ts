import { DEV_MESSAGE_TEMPLATES } from '@okteto-dev/plugin-okteto-dev-common';
import { messages } from './translation';
import ru from './translations/ru';

/** The messages as the translation API keys them: `group.key`. */
function flatten(tree: object, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string'
        ? [[`${prefix}${key}`, value]]
        : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

/** The `{{name}}` parameters of a message, sorted, each once. */
function placeholders(message: string): string[] {
  const names = [...message.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map(
    match => match[1],
  );
  return [...new Set(names)].sort();
}

const english = flatten(messages);
const russian: Record<string, string | null> = ru;
const keys = Object.keys(english);

describe('messages', () => {
  it('ship the backend templates unchanged as the msg group', () => {
    const msg = Object.fromEntries(
      keys
        .filter(key => key.startsWith('msg.'))
        .map(key => [key.slice('msg.'.length), english[key]]),
    );
    expect(msg).toEqual(DEV_MESSAGE_TEMPLATES);
  });

  it.each(keys)(
    '%s has a Russian translation with the same parameters',
    key => {
      const translated = russian[key];
      expect(typeof translated).toBe('string');
      expect(translated!.trim()).not.toBe('');
      expect(placeholders(translated!)).toEqual(placeholders(english[key]));
    },
  );

  it('has no Russian message without an English one', () => {
    expect(Object.keys(russian).filter(key => !(key in english))).toEqual([]);
  });
});
