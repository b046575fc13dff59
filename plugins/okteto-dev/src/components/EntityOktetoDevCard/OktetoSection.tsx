import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { OktetoStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { DevErrorLine } from './DevErrorLine';
import { PodList } from './PodList';
import { Section } from './Section';
import { StatusChip } from './StatusChip';
import { formatSince, useLanguage } from './time';

/** Okteto dev mode: off, on (who, since when, which image, the dev pod) or broken. */
export function OktetoSection(props: { okteto: OktetoStatus }) {
  const { okteto } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();

  if (okteto.state === 'error') {
    return (
      <Section title={t('okteto.title')}>
        <DevErrorLine title={t('okteto.error')} error={okteto.error} />
      </Section>
    );
  }
  if (okteto.state === 'off') {
    return (
      <Section title={t('okteto.title')}>
        <StatusChip tone="neutral" label={t('okteto.off')} />
        <Typography variant="body2" color="textSecondary" component="span">
          {t('okteto.offHint')}
        </Typography>
      </Section>
    );
  }
  if (okteto.state === 'broken') {
    return (
      <Section title={t('okteto.title')}>
        <StatusChip tone="error" label={t('okteto.broken')} />
        <ul aria-label={t('okteto.broken')}>
          {okteto.problems.map(problem => (
            <li key={problem}>
              <Typography variant="body2">{problem}</Typography>
            </li>
          ))}
        </ul>
        <Typography variant="body2" color="textSecondary">
          {t('okteto.brokenHint')}
        </Typography>
        {okteto.pods && okteto.pods.length > 0 && (
          <PodList pods={okteto.pods} label={t('okteto.title')} />
        )}
      </Section>
    );
  }

  const since = formatSince(okteto.since, language);
  return (
    <Section title={t('okteto.title')}>
      <StatusChip tone="info" label={t('okteto.on', { mode: okteto.mode })} />
      {since && (
        <Typography variant="body2" component="span">
          {t('okteto.since', { time: since })}
        </Typography>
      )}
      {okteto.user && (
        <Typography variant="body2">
          {t('okteto.user', { user: okteto.user })}
        </Typography>
      )}
      {okteto.image && (
        <Typography variant="body2">
          {t('okteto.image', { image: okteto.image })}
        </Typography>
      )}
      {okteto.pods.length > 0 ? (
        <PodList pods={okteto.pods} label={t('okteto.title')} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          {t('okteto.noPods')}
        </Typography>
      )}
    </Section>
  );
}
