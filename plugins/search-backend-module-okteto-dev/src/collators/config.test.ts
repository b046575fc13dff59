import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readCollatorConfig } from './config';
import { component } from '../__testUtils__/entities';
import { entityLocation } from './OktetoDevCollatorFactory';

describe('readCollatorConfig', () => {
  it('reads the schedule and the location template, with defaults', () => {
    expect(readCollatorConfig(new ConfigReader({}))).toEqual({
      schedule: expect.objectContaining({ frequency: { minutes: 2 } }),
      locationTemplate: '/catalog/:namespace/:kind/:name',
      visibilityPermission: 'catalog.entity.read',
    });
    const config = new ConfigReader({
      search: {
        collators: {
          oktetoDev: {
            schedule: { frequency: { seconds: 30 }, timeout: { minutes: 1 } },
            locationTemplate: '/entities/:kind/:name',
            visibilityPermission: 'okteto-dev.status.read',
          },
        },
      },
    });
    expect(readCollatorConfig(config)).toEqual({
      schedule: { frequency: { seconds: 30 }, timeout: { minutes: 1 } },
      locationTemplate: '/entities/:kind/:name',
      visibilityPermission: 'okteto-dev.status.read',
    });
  });

  it('refuses a visibility permission it cannot check', () => {
    const config = (visibilityPermission: string) =>
      new ConfigReader({
        search: { collators: { oktetoDev: { visibilityPermission } } },
      });
    expect(() => readCollatorConfig(config('catalog.entity.delete'))).toThrow(
      "must be one of catalog.entity.read, okteto-dev.status.read, not 'catalog.entity.delete'",
    );
  });

  it('ignores decorateCatalog, with a warning', () => {
    const logger = mockServices.logger.mock();
    const config = new ConfigReader({
      search: { collators: { oktetoDev: { decorateCatalog: true } } },
    });
    expect(readCollatorConfig(config, logger)).not.toHaveProperty(
      'decorateCatalog',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('decorateCatalog is no longer supported'),
    );
  });
});

describe('entityLocation', () => {
  it('is the entity page with a fragment of its own, never the catalog document location', () => {
    const entity = component('Synestra IO');
    expect(entityLocation(entity, '/catalog/:namespace/:kind/:name')).toBe(
      '/catalog/default/component/Synestra%20IO#okteto-dev',
    );
    expect(entityLocation(entity, '/catalog/:namespace/:kind/:name#dev')).toBe(
      '/catalog/default/component/Synestra%20IO#dev',
    );
  });
});
