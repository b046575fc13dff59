import { ClusterReads } from './fetchDevObjects';
import { RecentLists } from './RecentLists';

function countingClient() {
  const calls: string[] = [];
  const ok = <T>(value: T[]) => Promise.resolve({ ok: true as const, value });
  const client: ClusterReads = {
    mayListClusterWide: true,
    clusterWideListRefused: () => undefined,
    listWorkloads: (kind, scope) => {
      calls.push(`${kind} ${JSON.stringify(scope)}`);
      return ok([]);
    },
    listPods: scope => {
      calls.push(`pods ${JSON.stringify(scope)}`);
      return ok([]);
    },
    secretExists: (namespace, name) => {
      calls.push(`secret ${namespace}/${name}`);
      return Promise.resolve({ ok: true as const, value: true });
    },
    listApplications: (namespace, names) => {
      calls.push(`applications ${namespace} ${names?.join(',') ?? '*'}`);
      return ok(
        ['a', 'b', 'c'].map(name => ({ metadata: { name, namespace } } as any)),
      );
    },
  };
  return { client, calls };
}

describe('RecentLists', () => {
  it('reuses wide LISTs for maxAge and says how old they are; never a namespaced one', async () => {
    let now = 1000;
    const recent = new RecentLists(5000, () => now);
    const { client, calls } = countingClient();
    const first: { oldest?: number } = {};
    const a = recent.reader('dev', client, first);
    await a.listWorkloads('Deployment', { allNamespaces: true });
    await a.listWorkloads('Deployment', { namespace: 'x' });
    expect(await a.listApplications('argo', ['a', 'c'])).toEqual({
      ok: true,
      value: [
        { metadata: { name: 'a', namespace: 'argo' } },
        { metadata: { name: 'c', namespace: 'argo' } },
      ],
    });
    await a.listApplications('argo', ['b']);
    expect(first.oldest).toBe(1000);

    now = 4000;
    const second: { oldest?: number } = {};
    const b = recent.reader('dev', client, second);
    await b.listWorkloads('Deployment', { allNamespaces: true });
    await b.listWorkloads('Deployment', { namespace: 'x' });
    expect((await b.listApplications('argo', ['b', 'c'])).ok).toBe(true);
    expect(second.oldest).toBe(1000);
    // a Secret by name is never shared
    await b.secretExists('x', 'env');
    await b.secretExists('x', 'env');
    expect(calls).toEqual([
      'Deployment {"allNamespaces":true}',
      'Deployment {"namespace":"x"}',
      'applications argo *',
      'applications argo b',
      'Deployment {"namespace":"x"}',
      'secret x/env',
      'secret x/env',
    ]);

    now = 6000;
    await recent
      .reader('dev', client, {})
      .listWorkloads('Deployment', { allNamespaces: true });
    await recent.reader('other', client, {}).listPods({ allNamespaces: true });
    expect(calls.slice(7)).toEqual([
      'Deployment {"allNamespaces":true}',
      'pods {"allNamespaces":true}',
    ]);
  });

  it('does not keep a failed read', async () => {
    const recent = new RecentLists(5000, () => 0);
    let calls = 0;
    const failing = {
      listPods: async () => {
        calls++;
        return {
          ok: false as const,
          error: { type: 'forbidden' as const, message: 'no' },
        };
      },
    } as unknown as ClusterReads;
    await recent.reader('dev', failing, {}).listPods({ allNamespaces: true });
    await new Promise(r => setImmediate(r));
    await recent.reader('dev', failing, {}).listPods({ allNamespaces: true });
    expect(calls).toBe(2);
  });
});
