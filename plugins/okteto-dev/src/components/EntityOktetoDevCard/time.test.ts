import { formatAge, formatDuration, formatSince } from './time';

describe('time', () => {
  it('formats a duration in its largest whole unit, in the language', () => {
    expect(formatDuration(2 * 86400 + 3 * 3600, 'en')).toBe('2 days');
    expect(formatDuration(2 * 3600 + 59 * 60, 'en')).toBe('2 hours');
    expect(formatDuration(40 * 60, 'en')).toBe('40 minutes');
    expect(formatDuration(5, 'en')).toBe('5 seconds');
    expect(formatDuration(2 * 86400, 'ru')).toBe('2 дня');
    expect(formatDuration(5 * 3600, 'ru')).toBe('5 часов');
  });

  it('formats ages and timestamps relative to now', () => {
    expect(formatAge(180, 'en')).toBe('3 minutes ago');
    expect(formatAge(180, 'ru')).toBe('3 минуты назад');
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(formatSince('2026-11-25T08:00:00Z', 'en', now)).toBe('2 hours ago');
    expect(formatSince('not a time', 'en', now)).toBeUndefined();
    expect(formatSince(undefined, 'en', now)).toBeUndefined();
  });
});
