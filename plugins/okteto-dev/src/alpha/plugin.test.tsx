import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { makeEntity } from '../testing/fixtures';
import oktetoDevPlugin, {
  oktetoAppFolderPickerFormField,
  oktetoDevEntityCard,
} from './plugin';

describe('okteto-dev alpha plugin', () => {
  it('is the okteto-dev plugin with the api, card, search item and form field', () => {
    expect(oktetoDevPlugin.id).toBe('okteto-dev');
    expect(oktetoDevPlugin.getExtension('api:okteto-dev')).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('entity-card:okteto-dev/dev-environment'),
    ).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension('search-result-list-item:okteto-dev'),
    ).toBeDefined();
    expect(
      oktetoDevPlugin.getExtension(
        'scaffolder-form-field:okteto-dev/okteto-app-folder-picker',
      ),
    ).toBeDefined();
  });

  it('shows the card only on entities with okteto-dev/app', () => {
    // The export is typed loosely (see plugin.tsx), so the output type is restated here.
    const filter = createExtensionTester(oktetoDevEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as ((entity: Entity) => boolean) | undefined;
    expect(filter?.(makeEntity())).toBe(true);
    expect(filter?.(makeEntity({}))).toBe(false);
    expect(filter?.(makeEntity({ 'okteto-dev/app': '  ' }))).toBe(false);
  });
});

describe('the app folder form field', () => {
  it('loads the OktetoAppFolderPicker field', async () => {
    const loader = createExtensionTester(oktetoAppFolderPickerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    expect((await loader()).$$type).toBe('@backstage/scaffolder/FormField');
  });
});
