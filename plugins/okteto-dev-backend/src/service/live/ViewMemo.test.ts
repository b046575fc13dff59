import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { DevTargetRequest } from '../fetch/fetchDevObjects';
import { ViewMemo } from './ViewMemo';

const request = (name: string) =>
  ({ entityRef: `component:default/${name}` } as DevTargetRequest);
const status = (name: string) =>
  ({ entityRef: `component:default/${name}` } as DevStatus);

describe('ViewMemo', () => {
  it('reuses a derived status until what it read changes, or it is maxAge old', () => {
    let now = 0;
    const memo = new ViewMemo(1000, 100, () => now);
    const first = memo.take([request('a'), request('b')]);
    expect(first.kept).toEqual([undefined, undefined]);
    memo.put([status('a'), status('b')], first.generation);
    expect(memo.take([request('a')]).kept[0]).toEqual(status('a'));
    memo.invalidate(['component:default/a']);
    expect(memo.take([request('a'), request('b')]).kept).toEqual([
      undefined,
      status('b'),
    ]);
    now += 1000;
    expect(memo.take([request('b')]).kept).toEqual([undefined]);
  });

  it('drops what was derived while something changed', () => {
    const memo = new ViewMemo(1000);
    const { generation } = memo.take([request('a')]);
    memo.invalidate(['component:default/other']);
    memo.put([status('a')], generation);
    expect(memo.take([request('a')]).kept).toEqual([undefined]);
    memo.invalidate();
  });
});
