import { isOktetoDevAvailable, oktetoDevPlugin } from './plugin';
import { makeEntity } from './testing/fixtures';

describe('oktetoDevPlugin', () => {
  it('has the okteto-dev id', () => {
    expect(oktetoDevPlugin.getId()).toBe('okteto-dev');
  });

  it('is available for entities with the okteto-dev/app annotation', () => {
    expect(isOktetoDevAvailable(makeEntity())).toBe(true);
    expect(isOktetoDevAvailable(makeEntity({}))).toBe(false);
  });
});
