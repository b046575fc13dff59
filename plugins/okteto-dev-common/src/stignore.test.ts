import {
  DEFAULT_STIGNORE_ENTRIES,
  mergeStignore,
  STIGNORE_HEADER,
  stignoreCoverage,
  stignorePatternKey,
} from './stignore';

// The file web-core keeps today (NeoGrAIph/web-core `.okteto/.stignore`).
const WEB_CORE = [
  '**/node_modules/**',
  '**/.next/**',
  '**/.turbo/**',
  '**/dist/**',
  '**/coverage/**',
  '**/.git/**',
  '**/*.log',
  '**/.DS_Store',
  'apps/**/public/media/**',
  '',
].join('\n');

describe('stignorePatternKey', () => {
  it('folds the folder spellings of one pattern', () => {
    const keys = [
      '**/node_modules/',
      '**/node_modules/**',
      '**/node_modules',
      '**/node_modules/**/',
    ].map(stignorePatternKey);
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps negations, anchors and (?i) as different patterns', () => {
    const keys = [
      '**/node_modules/',
      '!**/node_modules/',
      '/node_modules/',
      'node_modules',
      '(?i)**/node_modules/',
    ].map(stignorePatternKey);
    expect(new Set(keys).size).toBe(5);
  });

  it('has no key for comments, #include and blank lines', () => {
    for (const line of ['', '  ', '// note', '#include more', '# note']) {
      expect(stignorePatternKey(line)).toBeUndefined();
    }
  });
});

describe('stignoreCoverage', () => {
  it("finds web-core's file covers the runbook set", () => {
    expect(stignoreCoverage(WEB_CORE, DEFAULT_STIGNORE_ENTRIES)).toEqual({
      missing: [],
      alreadyCovered: [...DEFAULT_STIGNORE_ENTRIES],
    });
  });
});

describe('mergeStignore', () => {
  it('appends missing patterns under a header, once', () => {
    const first = mergeStignore(
      '**/node_modules/**\n',
      DEFAULT_STIGNORE_ENTRIES,
    );
    expect(first.changed).toBe(true);
    expect(first.alreadyCovered).toEqual(['**/node_modules/']);
    expect(first.content).toBe(
      [
        '**/node_modules/**',
        STIGNORE_HEADER,
        '**/.next/',
        '**/.turbo/',
        '**/dist/',
        '**/coverage/',
        '**/.git/',
        '',
      ].join('\n'),
    );
    const second = mergeStignore(first.content, [
      ...DEFAULT_STIGNORE_ENTRIES,
      '**/.cache/',
    ]);
    expect(second.missing).toEqual(['**/.cache/']);
    expect(second.content.split(STIGNORE_HEADER)).toHaveLength(2);
  });

  it('keeps CRLF endings and adds a newline only where it appends', () => {
    const result = mergeStignore('// mine\r\n#include other\r\n.env', [
      '**/dist/',
    ]);
    expect(result.content).toBe(
      `// mine\r\n#include other\r\n.env\r\n${STIGNORE_HEADER}\r\n**/dist/\r\n`,
    );
  });

  it('counts a (?d) line as present (Okteto adds the prefix itself), not a ! line', () => {
    const content = '(?d)**/dist/\n!**/coverage/\n';
    const result = mergeStignore(content, ['**/dist/', '**/coverage/']);
    expect(result.content.startsWith(content)).toBe(true);
    expect(result.missing).toEqual(['**/coverage/']);
  });

  it('does not touch a file that has everything', () => {
    const result = mergeStignore(WEB_CORE, DEFAULT_STIGNORE_ENTRIES);
    expect(result).toMatchObject({ changed: false, content: WEB_CORE });
  });
});

describe('the (?d) prefix Okteto adds itself (okteto cmd/up/stignore.go)', () => {
  it('makes (?d)x the same entry as x', () => {
    expect(stignorePatternKey('(?d)**/node_modules/')).toBe(
      stignorePatternKey('**/node_modules/'),
    );
    expect(stignorePatternKey('(?i)(?d)x')).toBe(stignorePatternKey('(?i)x'));
    expect(stignorePatternKey('(?d)(?i)x')).toBe(stignorePatternKey('(?i)x'));
    expect(stignorePatternKey('!x')).not.toBe(stignorePatternKey('x'));
  });
});
