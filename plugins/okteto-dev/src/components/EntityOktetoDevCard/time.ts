import {
  appLanguageApiRef,
  useApiHolder,
} from '@backstage/frontend-plugin-api';

const UNITS: Array<
  [Intl.RelativeTimeFormatUnit & Intl.NumberFormatOptions['unit'], number]
> = [
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
 * Formats a length of time in its largest whole unit ("2 days", "3 hours", "12 минут").
 */
export function formatDuration(seconds: number, language: string): string {
  const length = Math.max(0, Math.round(seconds));
  const [unit, size] = UNITS.find(([, s]) => length >= s) ?? ['second', 1];
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(Math.floor(length / size));
}

/** Seconds from an ISO timestamp to `now`, or undefined when it does not parse. */
export function secondsSince(
  iso: string | undefined,
  now: number = Date.now(),
): number | undefined {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? undefined : Math.max(0, (now - time) / 1000);
}

/**
 * Formats an ISO timestamp relative to `now`, or undefined when it does not parse.
 */
export function formatSince(
  iso: string | undefined,
  language: string,
  now: number = Date.now(),
): string | undefined {
  const seconds = secondsSince(iso, now);
  return seconds === undefined ? undefined : formatAge(seconds, language);
}

/** The app's language, falling back to English where the app has no language API. */
export function useLanguage(): string {
  const languageApi = useApiHolder().get(appLanguageApiRef);
  return languageApi?.getLanguage().language ?? 'en';
}
