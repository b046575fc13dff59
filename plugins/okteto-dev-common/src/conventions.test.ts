import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_DEV_CONVENTIONS,
  DevTargetError,
  fillTemplate,
  mergeConventions,
  resolveDevTarget,
} from './conventions';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
    spec: { type: 'website', owner: 'team', lifecycle: 'experimental' },
  };
}

describe('resolveDevTarget', () => {
  it('applies the web-core conventions to an app key', () => {
    const target = resolveDevTarget(
      component({ 'okteto-dev/app': 'corporate' }),
    );
    expect(target).toEqual({
      app: 'corporate',
      // no cluster named: the service takes the only configured one
      cluster: '',
      namespace: 'web-corporate-dev',
      workload: 'web-corporate-dev-web-app',
      workloadKind: 'Deployment',
      container: 'app',
      devService: 'web-corporate-dev',
      package: 'corporate',
      appDir: 'apps/corporate',
      manifestPath: '.okteto/okteto.yml',
      envVar: { name: 'SYNESTRA_ENV', value: 'dev' },
      serverUrlEnv: 'NEXT_PUBLIC_SERVER_URL',
      envSecret: 'web-corporate-dev-env',
      applicationPath: 'deploy/argocd/apps/dev/corporate.yaml',
      valuesPath: 'deploy/env/dev/corporate.yaml',
      selector: {
        'app.kubernetes.io/name': 'web-app',
        'app.kubernetes.io/instance': 'web-corporate-dev',
      },
      application: {
        name: 'web-corporate-dev',
        namespace: 'argo',
        cluster: '',
      },
      sources: { package: 'convention', appDir: 'convention' },
      origins: {},
    });
  });

  it("handles payload-core's irregular names through annotation overrides", () => {
    const target = resolveDevTarget(
      component({
        'okteto-dev/app': 'payload-core',
        'okteto-dev/argocd-app': 'web-payload-dev',
        'okteto-dev/namespace': 'web-payload-dev',
        'okteto-dev/dev-service': 'web-payload-dev',
        'okteto-dev/package': '@synestra/payload-core',
      }),
    );
    expect(target.application).toEqual({
      name: 'web-payload-dev',
      namespace: 'argo',
      // the workload's cluster, resolved by the backend
      cluster: '',
    });
    expect(target.namespace).toBe('web-payload-dev');
    // The workload follows the Helm release, which is the Application name.
    expect(target.workload).toBe('web-payload-dev-web-app');
    expect(target.devService).toBe('web-payload-dev');
    expect(target.package).toBe('@synestra/payload-core');
    expect(target.appDir).toBe('apps/payload-core');
    expect(target.origins).toEqual({
      application: 'okteto-dev/argocd-app',
      namespace: 'okteto-dev/namespace',
      devService: 'okteto-dev/dev-service',
      package: 'okteto-dev/package',
    });
  });

  it('takes every override annotation', () => {
    const target = resolveDevTarget(
      component({
        'okteto-dev/app': 'shop',
        'okteto-dev/cluster': 'staging-eu',
        'okteto-dev/workload': 'shop-frontend',
        'okteto-dev/app-dir': 'apps/shop-next',
        'okteto-dev/argocd-app-namespace': 'argocd',
        'okteto-dev/argocd-instance': 'hub',
      }),
    );
    expect(target.cluster).toBe('staging-eu');
    expect(target.workload).toBe('shop-frontend');
    expect(target.appDir).toBe('apps/shop-next');
    expect(target.application.namespace).toBe('argocd');
    expect(target.application.instance).toBe('hub');
  });

  it('follows conventions from config', () => {
    const conventions = mergeConventions({
      namespace: '{app}-preview',
      applicationName: '{app}-dev',
      applicationNamespace: 'argocd',
      workload: '{app}',
      container: 'web',
      devService: '{app}',
      package: '@acme/{app}',
    });
    const target = resolveDevTarget(
      component({ 'okteto-dev/app': 'billing' }),
      conventions,
    );
    expect(target).toMatchObject({
      namespace: 'billing-preview',
      workload: 'billing',
      container: 'web',
      devService: 'billing',
      package: '@acme/billing',
      application: { name: 'billing-dev', namespace: 'argocd' },
    });
    expect(conventions.envVar).toEqual(DEFAULT_DEV_CONVENTIONS.envVar);
  });

  it('refuses an entity without the annotation, naming it', () => {
    expect(() => resolveDevTarget(component({}))).toThrow(
      "Entity has no 'okteto-dev/app' annotation",
    );
  });

  it.each([
    [{ 'okteto-dev/app': 'Corporate' }, 'Corporate (from okteto-dev/app)'],
    [{ 'okteto-dev/app': '../etc' }, '../etc (from okteto-dev/app)'],
    [
      { 'okteto-dev/app': 'ok', 'okteto-dev/namespace': 'a/b' },
      'a/b (from okteto-dev/namespace)',
    ],
    [
      { 'okteto-dev/app': 'ok', 'okteto-dev/workload': 'x?y=1' },
      'x?y=1 (from okteto-dev/workload)',
    ],
    [
      { 'okteto-dev/app': 'ok', 'okteto-dev/argocd-app': 'a;b' },
      'a;b (from okteto-dev/argocd-app)',
    ],
  ])('refuses names that are not DNS-1123 (%j)', (annotations, message) => {
    expect(() => resolveDevTarget(component(annotations))).toThrow(message);
  });

  it('names every bad value at once, each with its annotation', () => {
    let error: DevTargetError | undefined;
    try {
      resolveDevTarget(
        component({
          'okteto-dev/app': 'ok',
          'okteto-dev/namespace': 'A',
          'okteto-dev/cluster': 'x y',
        }),
      );
    } catch (e) {
      error = e as DevTargetError;
    }
    expect(error?.name).toBe('InputError');
    expect(error?.problems.map(p => p.params)).toEqual([
      { value: 'A', source: 'okteto-dev/namespace' },
      { value: 'x y', source: 'okteto-dev/cluster' },
    ]);
  });

  it('does not validate the dev service or package: the commands check them', () => {
    const target = resolveDevTarget(
      component({
        'okteto-dev/app': 'ok',
        'okteto-dev/dev-service': 'x;rm -rf /',
        'okteto-dev/package': '$(id)',
      }),
    );
    expect(target.devService).toBe('x;rm -rf /');
    expect(target.package).toBe('$(id)');
  });
});

describe('resolveDevTarget: annotations of other plugins', () => {
  // A catalog set up for Backstage's Kubernetes plugin and the Argo CD card: their annotations
  // name production, next to the dev environment okteto-dev is about.
  const production = {
    'okteto-dev/app': 'shop',
    'argocd/app-name': 'shop-prod',
    'argocd/app-namespace': 'argocd-prod',
    'argocd/instance-name': 'prod-argo',
    'argocd/app-selector': 'app=shop',
    'backstage.io/kubernetes-namespace': 'shop-production',
    'backstage.io/kubernetes-id': 'shop',
    'backstage.io/kubernetes-label-selector': 'app=shop',
  };

  it('never takes them: the dev target follows the conventions', () => {
    const target = resolveDevTarget(component(production));
    expect(target.namespace).toBe('web-shop-dev');
    expect(target.application).toEqual({
      name: 'web-shop-dev',
      namespace: 'argo',
      cluster: '',
    });
    expect(target.origins).toEqual({});
    const text = JSON.stringify(target);
    for (const name of [
      'shop-prod',
      'argocd-prod',
      'prod-argo',
      'production',
    ]) {
      expect(text).not.toContain(name);
    }
  });

  it('takes the four with reuseForeignAnnotations, okteto-dev’s own still first', () => {
    const target = resolveDevTarget(
      component({ ...production, 'okteto-dev/namespace': 'web-shop-dev' }),
      DEFAULT_DEV_CONVENTIONS,
      { reuseForeignAnnotations: true },
    );
    expect(target.namespace).toBe('web-shop-dev');
    expect(target.application).toEqual({
      name: 'shop-prod',
      namespace: 'argocd-prod',
      cluster: '',
      instance: 'prod-argo',
    });
    expect(target.origins).toEqual({
      namespace: 'okteto-dev/namespace',
      application: 'argocd/app-name',
      applicationNamespace: 'argocd/app-namespace',
      instance: 'argocd/instance-name',
    });
  });
});

describe('fillTemplate', () => {
  it('keeps unknown placeholders as they are', () => {
    expect(fillTemplate('{app}-{nope}', { app: 'a' })).toBe('a-{nope}');
  });
});

describe('resolveDevTarget: Argo CD elsewhere', () => {
  it('takes the conventions’ applicationCluster and the entity’s okteto-dev/argocd-instance', () => {
    const target = resolveDevTarget(
      component({
        'okteto-dev/app': 'shop',
        'okteto-dev/argocd-instance': 'hub',
      }),
      mergeConventions({ applicationCluster: 'hub-cluster' }),
    );
    expect(target.application).toEqual({
      name: 'web-shop-dev',
      namespace: 'argo',
      cluster: 'hub-cluster',
      instance: 'hub',
    });
  });
});

describe('the workload kind (okteto-dev/workload-kind)', () => {
  const entity = (annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'db',
      annotations: { 'okteto-dev/app': 'db', ...annotations },
    },
  });

  it('Deployment by default, StatefulSet by annotation (any case) or convention', () => {
    expect(resolveDevTarget(entity({})).workloadKind).toBe('Deployment');
    expect(
      resolveDevTarget(entity({ 'okteto-dev/workload-kind': 'statefulset' }))
        .workloadKind,
    ).toBe('StatefulSet');
    expect(
      resolveDevTarget(
        entity({}),
        mergeConventions({ workloadKind: 'StatefulSet' }),
      ).workloadKind,
    ).toBe('StatefulSet');
  });

  it('anything else is an error naming the kinds Okteto supports', () => {
    expect(() =>
      resolveDevTarget(entity({ 'okteto-dev/workload-kind': 'DaemonSet' })),
    ).toThrow(
      "Annotation 'okteto-dev/workload-kind' must be one of Deployment, StatefulSet, got 'DaemonSet'",
    );
  });
});
