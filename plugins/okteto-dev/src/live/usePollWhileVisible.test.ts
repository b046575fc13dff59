import { act, renderHook } from '@testing-library/react';
import { usePollWhileVisible } from './usePollWhileVisible';

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

describe('usePollWhileVisible', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    setVisibility('visible');
  });

  it('calls back on the interval while visible', () => {
    const callback = jest.fn();
    renderHook(() => usePollWhileVisible(callback, 30_000));

    jest.advanceTimersByTime(29_999);
    expect(callback).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(60_000);
    expect(callback).toHaveBeenCalledTimes(3);
  });

  it('pauses while the tab is hidden and catches up when it is shown', () => {
    const callback = jest.fn();
    renderHook(() => usePollWhileVisible(callback, 30_000));

    setVisibility('hidden');
    jest.advanceTimersByTime(120_000);
    expect(callback).not.toHaveBeenCalled();

    setVisibility('visible');
    expect(callback).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(30_000);
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('does not poll with an interval of 0 and stops on unmount', () => {
    const disabled = jest.fn();
    renderHook(() => usePollWhileVisible(disabled, 0));
    const polled = jest.fn();
    const { unmount } = renderHook(() => usePollWhileVisible(polled, 1_000));

    unmount();
    jest.advanceTimersByTime(10_000);
    expect(disabled).not.toHaveBeenCalled();
    expect(polled).not.toHaveBeenCalled();
  });
});
