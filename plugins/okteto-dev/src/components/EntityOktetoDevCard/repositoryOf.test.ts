import { Entity } from '@backstage/catalog-model';
import { repositoryOf } from './EnableOktetoButton';

const entity = (sourceLocation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'x',
    annotations: sourceLocation
      ? { 'backstage.io/source-location': sourceLocation }
      : {},
  },
});

describe('repositoryOf: the RepoUrlPicker value the template links carry', () => {
  it.each([
    [
      'url:https://github.com/NeoGrAIph/web-core/tree/main/apps/corporate-website/',
      'github.com?owner=NeoGrAIph&repo=web-core',
    ],
    ['url:https://github.com/o/r.git', 'github.com?owner=o&repo=r'],
    [
      'url:https://gitlab.example.com/platform/web/mono/-/tree/main/apps/shop',
      'gitlab.example.com?owner=platform%2Fweb&repo=mono',
    ],
    [
      'url:https://gitlab.com/group/repo/-/blob/main/catalog-info.yaml',
      'gitlab.com?owner=group&repo=repo',
    ],
    [
      'url:https://bitbucket.example.com/projects/PRJ/repos/mono/browse/apps',
      'bitbucket.example.com?project=PRJ&repo=mono',
    ],
    [
      'url:https://dev.azure.com/org/proj/_git/mono?path=/apps',
      'dev.azure.com?organization=org&project=proj&repo=mono',
    ],
  ])('%s', (location, value) => {
    expect(repositoryOf(entity(location))).toBe(value);
  });

  it.each([
    [undefined],
    ['file:/tmp/x'],
    ['url:https://github.com/only-owner'],
    // Bitbucket Cloud values need the project, which the URL does not hold
    ['url:https://bitbucket.org/ws/mono/src/main/'],
  ])('tells nothing for %s', location => {
    expect(repositoryOf(entity(location))).toBeUndefined();
  });
});
