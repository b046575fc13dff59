import { ConfigReader } from '@backstage/config';
import { readDevTargetPolicy } from './readDevTargetPolicy';

describe('readDevTargetPolicy', () => {
  it('defaults to okteto-dev’s own annotations and the naming templates only', () => {
    expect(readDevTargetPolicy(new ConfigReader({}))).toEqual({
      reuseForeignAnnotations: false,
      allow: [],
    });
  });

  it('reads the opt-in and the allow rules', () => {
    const config = new ConfigReader({
      oktetoDev: {
        targets: {
          reuseForeignAnnotations: true,
          allow: [
            {
              cluster: 'dev',
              namespaces: ['web-*-dev'],
              applications: ['argo/web-*-dev'],
            },
            { workloads: ['api'] },
          ],
        },
      },
    });
    expect(readDevTargetPolicy(config)).toEqual({
      reuseForeignAnnotations: true,
      allow: [
        {
          cluster: 'dev',
          namespaces: ['web-*-dev'],
          applications: ['argo/web-*-dev'],
        },
        { workloads: ['api'] },
      ],
    });
  });
});
