import { DEV_MESSAGE_TEMPLATES, devMessage, fillMessage } from './messages';

describe('messages', () => {
  it('fills parameters and leaves unknown ones as written', () => {
    expect(fillMessage('{{a}} and {{ b }} and {{c}}', { a: 1, b: 'two' })).toBe(
      '1 and two and {{c}}',
    );
  });

  it('gives the English text with the code and parameters', () => {
    expect(
      devMessage('checkSecretExistsByGet', { secrets: 'web-x-dev-env' }),
    ).toEqual({
      code: 'checkSecretExistsByGet',
      params: { secrets: 'web-x-dev-env' },
      message: 'Secret web-x-dev-env exists (read by name, metadata only).',
    });
  });

  it('names things only through parameters: no template hard-codes web-core', () => {
    for (const [code, template] of Object.entries(DEV_MESSAGE_TEMPLATES)) {
      expect([
        code,
        /SYNESTRA|web-core|web-app|synestra/i.test(template),
      ]).toEqual([code, false]);
    }
  });
});
