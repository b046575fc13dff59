import {
  appLanguageApiRef,
  useApiHolder,
} from '@backstage/frontend-plugin-api';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * Formats an age in seconds as relative time in the past ("3 minutes ago", "3 минуты назад").
 */
export function formatAge(ageSeconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const age = Math.max(0, Math.round(ageSeconds));
  for (const [unit, seconds] of UNITS) {
    if (age >= seconds) {
      return format.format(-Math.floor(age / seconds), unit);
    }
  }
  return format.format(-age, 'second');
}

/**
 * Formats an ISO timestamp relative to `now`, or undefined when it does not parse.
 */
export function formatSince(
  iso: string | undefined,
  language: string,
  now: number = Date.now(),
): string | undefined {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) {
    return undefined;
  }
  return formatAge((now - time) / 1000, language);
}

/** The app's language, falling back to English where the app has no language API. */
export function useLanguage(): string {
  const languageApi = useApiHolder().get(appLanguageApiRef);
  return languageApi?.getLanguage().language ?? 'en';
}
