import { Content, Header, Page } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { oktetoDevTranslationRef } from '../../translation';
import { DevEnvironments } from './DevEnvironments';

/**
 * The "Dev environments" page of the legacy frontend system: header and the list.
 */
export function OktetoDevPage() {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <Content>
        <DevEnvironments />
      </Content>
    </Page>
  );
}

/**
 * The list alone, for the new frontend system, whose page extension draws the header.
 */
export function OktetoDevPageContent() {
  return (
    <Content>
      <DevEnvironments />
    </Content>
  );
}
