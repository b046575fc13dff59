import { Entity } from '@backstage/catalog-model';
import { DevTarget, resolveDevTarget } from './conventions';
import {
  checkDevTarget,
  ConventionalDevTarget,
  DevTargetPolicy,
  matchesTargetPattern,
} from './targetPolicy';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'x',
      annotations: { 'okteto-dev/app': 'shop', ...annotations },
    },
  };
}

/** A target as the backend has it: its cluster resolved (here always `dev`). */
function resolved(annotations: Record<string, string> = {}): DevTarget {
  const target = resolveDevTarget(entity(annotations));
  return { ...target, cluster: target.cluster || 'dev' };
}

const conventional: ConventionalDevTarget = {
  namespace: 'web-shop-dev',
  workload: 'web-shop-dev-web-app',
  application: { name: 'web-shop-dev', namespace: 'argo' },
};

const patterns: DevTargetPolicy = {
  reuseForeignAnnotations: false,
  allow: [
    {
      cluster: 'dev',
      namespaces: ['web-*-dev'],
      applications: ['argo/web-*-dev'],
    },
  ],
};

describe('matchesTargetPattern', () => {
  it.each([
    ['web-shop-dev', 'web-*-dev', true],
    ['web-dev', 'web-*-dev', false],
    ['payments-prod', 'web-*-dev', false],
    ['argo/web-shop-dev', 'argo/web-*-dev', true],
    ['argo/x/web-shop-dev', 'argo/*', false],
    ['kube-system', '*', true],
    ['a.b', 'a?b', true],
    ['axb', 'a.b', false],
  ])('%s against %s: %s', (value, pattern, expected) => {
    expect(matchesTargetPattern(value, pattern)).toBe(expected);
  });
});

describe('checkDevTarget', () => {
  it('allows the naming templates’ own target', () => {
    expect(checkDevTarget(resolved(), conventional)).toEqual([]);
  });

  it('by default refuses a namespace other than the template’s, naming annotation and allowed value', () => {
    const refusals = checkDevTarget(
      resolved({ 'okteto-dev/namespace': 'payments-prod' }),
      conventional,
    );
    expect(refusals).toEqual([
      expect.objectContaining({
        code: 'targetNamespaceRefused',
        params: {
          value: 'payments-prod',
          source: 'okteto-dev/namespace',
          allowed: 'web-shop-dev',
        },
      }),
    ]);
    expect(refusals[0].message).toBe(
      'Namespace payments-prod (from okteto-dev/namespace) is not one okteto-dev may read for this entity; the configuration allows web-shop-dev. Nothing was read.',
    );
  });

  it('refuses each of workload, Application and namespace that leave the templates', () => {
    const refusals = checkDevTarget(
      resolved({
        'okteto-dev/namespace': 'kube-system',
        'okteto-dev/workload': 'coredns',
        'okteto-dev/argocd-app': 'payments-prod',
      }),
      conventional,
    );
    expect(
      refusals.map(r => [r.code, r.params.value, r.params.source]),
    ).toEqual([
      ['targetNamespaceRefused', 'kube-system', 'okteto-dev/namespace'],
      ['targetWorkloadRefused', 'coredns', 'okteto-dev/workload'],
      [
        'targetApplicationRefused',
        'argo/payments-prod',
        'okteto-dev/argocd-app',
      ],
    ]);
  });

  it('allows what an allow rule of the cluster matches, and nothing else', () => {
    expect(
      checkDevTarget(
        resolved({
          'okteto-dev/namespace': 'web-shop-v2-dev',
          'okteto-dev/argocd-app': 'web-shop-v2-dev',
          'okteto-dev/workload': 'anything',
        }),
        conventional,
        patterns,
      ),
    ).toEqual([]);
    const refused = checkDevTarget(
      resolved({
        'okteto-dev/namespace': 'payments-prod',
        'okteto-dev/argocd-app': 'payments-prod',
      }),
      conventional,
      patterns,
    );
    expect(refused.map(r => r.params.allowed)).toEqual([
      'web-shop-dev, web-*-dev',
      'argo/web-shop-dev, argo/web-*-dev',
    ]);
  });

  it('applies a rule only on its cluster', () => {
    const target = {
      ...resolved({ 'okteto-dev/namespace': 'web-shop-v2-dev' }),
      cluster: 'prod',
    };
    expect(
      checkDevTarget(target, conventional, patterns).map(r => r.code),
    ).toEqual(['targetNamespaceRefused']);
  });

  it('binds a cluster named by annotation to the conventions’ cluster and the rules', () => {
    const prod = {
      ...resolved({ 'okteto-dev/cluster': 'prod' }),
      cluster: 'prod',
    };
    // no conventions.cluster and no rules: any configured cluster (the registry checked that)
    expect(checkDevTarget(prod, conventional)).toEqual([]);
    expect(
      checkDevTarget(prod, { ...conventional, cluster: 'dev' }).map(r => [
        r.code,
        r.params.allowed,
      ]),
    ).toEqual([['targetClusterRefused', 'dev']]);
    expect(
      checkDevTarget(prod, conventional, patterns).map(r => r.code),
    ).toEqual(['targetClusterRefused']);
  });
});
