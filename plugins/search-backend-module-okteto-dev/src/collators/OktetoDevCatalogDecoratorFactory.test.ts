import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { Sandbox, startSandbox } from '@okteto-dev/kube-sandbox';
import { OktetoDevCatalogDecoratorFactory } from './OktetoDevCatalogDecoratorFactory';
import { sourceFor, WEB_CORE } from '../__testUtils__/testSource';

jest.setTimeout(60_000);

describe('OktetoDevCatalogDecoratorFactory', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'web-core' });
  });
  afterAll(() => sandbox.close());

  it('adds the dev status to software-catalog documents of annotated entities only', async () => {
    const factory = new OktetoDevCatalogDecoratorFactory(
      sourceFor(sandbox, WEB_CORE),
    );
    expect(factory.types).toEqual(['software-catalog']);
    const catalogDocument = (name: string) => ({
      title: name,
      text: `The ${name} website`,
      location: `/catalog/default/component/${name}`,
      authorization: { resourceRef: `component:default/${name}` },
    });
    const { documents } = await TestPipeline.fromDecorator(
      await factory.getDecorator(),
    )
      .withDocuments([
        catalogDocument('synestra-io'),
        catalogDocument('docs-site'),
      ])
      .execute();
    expect(documents[0]).toMatchObject({
      title: 'synestra-io',
      oktetoState: 'active',
      argoSync: 'OutOfSync',
      text: expect.stringMatching(
        /^The synestra-io website\nsynestra-io dev .*Okteto dev mode on by alice/s,
      ),
    });
    expect(documents[1]).toEqual(catalogDocument('docs-site'));
  });
});
