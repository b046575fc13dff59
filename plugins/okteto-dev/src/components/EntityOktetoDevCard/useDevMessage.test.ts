import { devMessage, DevMessage } from '@okteto-dev/plugin-okteto-dev-common';
import { renderDevMessage } from './useDevMessage';

describe('renderDevMessage', () => {
  const calls: Array<[string, object]> = [];
  const t = (key: string, params: object) => {
    calls.push([key, params]);
    return `translated ${key}`;
  };
  beforeEach(() => {
    calls.length = 0;
  });

  it('translates a known code with its parameters', () => {
    const message = devMessage('oktetoPvcPending', {
      pvc: 'web-x-dev-okteto',
      pod: 'p',
    });
    expect(renderDevMessage(t, message)).toBe(
      'translated msg.oktetoPvcPending',
    );
    expect(calls).toEqual([
      ['msg.oktetoPvcPending', { pvc: 'web-x-dev-okteto', pod: 'p' }],
    ]);
  });

  it("falls back to the backend's English for a code from a newer backend", () => {
    const fromTheFuture = JSON.parse(
      '{"code":"driftFromTheFuture","params":{},"message":"Something new."}',
    ) as DevMessage;
    expect(renderDevMessage(t, fromTheFuture)).toBe('Something new.');
    expect(calls).toEqual([]);
  });

  it('does not take inherited object keys for codes', () => {
    const odd = JSON.parse(
      '{"code":"toString","params":{},"message":"Odd."}',
    ) as DevMessage;
    expect(renderDevMessage(t, odd)).toBe('Odd.');
  });
});
