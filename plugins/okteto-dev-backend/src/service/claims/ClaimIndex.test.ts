import { DevTarget } from '@okteto-dev/plugin-okteto-dev-common';
import { ClaimIndex, targetKeys } from './ClaimIndex';

/** A resolved target: what the keys read of it. */
function target(
  over: Partial<Pick<DevTarget, 'cluster' | 'namespace' | 'workload'>> & {
    application?: Partial<DevTarget['application']>;
  } = {},
): { target: DevTarget } {
  return {
    target: {
      cluster: over.cluster ?? 'dev',
      namespace: over.namespace ?? 'web-shop-dev',
      workload: over.workload ?? 'web-shop-dev-web-app',
      application: {
        name: 'web-shop-dev',
        namespace: 'argo',
        cluster: '',
        ...over.application,
      },
    } as DevTarget,
  };
}

const SHOP = 'component:default/shop';
const COPY = 'component:default/shop-copy';
const OTHER = 'component:default/corporate';

describe('ClaimIndex', () => {
  it('one entity per target is uncontested; a second claimant contests it for both', () => {
    const index = new ClaimIndex();
    index.set(SHOP, targetKeys(target()));
    index.set(
      OTHER,
      targetKeys(
        target({
          namespace: 'web-corporate-dev',
          workload: 'web-corporate-dev-web-app',
          application: { name: 'web-corporate-dev' },
        }),
      ),
    );
    expect(index.claimOf(SHOP)).toEqual({ contested: false });
    index.set(COPY, targetKeys(target()));
    expect(index.claimOf(SHOP)).toEqual({ contested: true, others: [COPY] });
    expect(index.claimOf(COPY)).toEqual({ contested: true, others: [SHOP] });
    expect(index.claimOf(OTHER)).toEqual({ contested: false });
  });

  it('the same workload under another Application, or the same Application with another workload, is the same target', () => {
    const index = new ClaimIndex();
    index.set(SHOP, targetKeys(target()));
    index.set(
      COPY,
      targetKeys(target({ application: { name: 'web-shop-twin-dev' } })),
    );
    index.set(
      OTHER,
      targetKeys(
        target({
          namespace: 'web-other-dev',
          workload: 'web-other-dev-web-app',
        }),
      ),
    );
    expect(index.claimOf(SHOP)).toEqual({
      contested: true,
      others: [OTHER, COPY],
    });
    expect(index.claimOf(COPY)).toEqual({ contested: true, others: [SHOP] });
    expect(index.claimOf(OTHER)).toEqual({ contested: true, others: [SHOP] });
  });

  it('the same names on another cluster, or its Application held by another cluster, are another target', () => {
    const index = new ClaimIndex();
    index.set(SHOP, targetKeys(target()));
    index.set(
      COPY,
      targetKeys(target({ cluster: 'prod', application: { cluster: 'prod' } })),
    );
    expect(index.claimOf(SHOP)).toEqual({ contested: false });
    // an Application named by its holder's cluster: the same as the workload's when left empty
    index.set(
      OTHER,
      targetKeys(
        target({
          namespace: 'x',
          workload: 'y',
          application: { cluster: 'dev' },
        }),
      ),
    );
    expect(index.claimOf(OTHER)).toEqual({ contested: true, others: [SHOP] });
  });

  it('entity refs compare case-insensitively, as the catalog compares them', () => {
    const index = new ClaimIndex();
    index.set(SHOP, targetKeys(target()));
    index.set('Component:default/Shop', targetKeys(target()));
    expect(index.size).toBe(1);
    expect(index.claimOf(SHOP)).toEqual({ contested: false });
  });

  it('an entity that changes its target leaves the old one', () => {
    const index = new ClaimIndex();
    index.set(SHOP, targetKeys(target()));
    index.set(COPY, targetKeys(target()));
    index.set(
      COPY,
      targetKeys(
        target({
          namespace: 'web-copy-dev',
          workload: 'web-copy-dev-web-app',
          application: { name: 'web-copy-dev' },
        }),
      ),
    );
    expect(index.claimOf(SHOP)).toEqual({ contested: false });
    expect(index.claimOf(COPY)).toEqual({ contested: false });
  });

  it('a catalog snapshot replaces what it knows, except entities viewed since it was taken', () => {
    const index = new ClaimIndex();
    index.set(SHOP, targetKeys(target()));
    index.set(COPY, targetKeys(target()));
    const takenAt = index.tick();
    // viewed after the snapshot was taken: a new entity the snapshot cannot know yet
    index.set(OTHER, targetKeys(target()));
    index.replace([{ entityRef: SHOP, keys: targetKeys(target()) }], takenAt);
    // the copy left the catalog; the entity viewed meanwhile stays
    expect(index.has(COPY)).toBe(false);
    expect(index.claimOf(SHOP)).toEqual({ contested: true, others: [OTHER] });
    // the next snapshot without it: gone
    index.replace(
      [{ entityRef: SHOP, keys: targetKeys(target()) }],
      index.tick(),
    );
    expect(index.claimOf(SHOP)).toEqual({ contested: false });
    expect(index.size).toBe(1);
  });

  it('keys are the resolved target, whatever characters its names hold', () => {
    // a name with the separator of a naive key must not make two targets collide
    const a = targetKeys(target({ namespace: 'a|b', workload: 'c' }));
    const b = targetKeys(target({ namespace: 'a', workload: 'b|c' }));
    expect(a[0]).not.toBe(b[0]);
  });
});
