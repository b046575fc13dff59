import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  isOktetoDevEnabled,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import RefreshIcon from '@material-ui/icons/Refresh';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { lazy, Suspense } from 'react';
import { oktetoDevTranslationRef } from '../../translation';
import { DevStatusContent } from './DevStatusContent';
import { contestedClaimOf, isDenied, refusalsOf } from './failures';
import { lazyPart } from './sections';
import { useDevStatus } from './useDevStatus';

function LoadingSkeleton(props: { label: string }) {
  return (
    <Box aria-busy="true" aria-label={props.label} role="status">
      <Box display="flex" mb={2}>
        <Skeleton variant="rect" width={90} height={24} />
        <Box mr={1} />
        <Skeleton variant="rect" width={90} height={24} />
        <Box mr={1} />
        <Skeleton variant="text" width={160} />
      </Box>
      <Skeleton variant="text" width="60%" />
      <Skeleton variant="text" width="40%" />
      <Skeleton variant="rect" height={48} />
      <Box mt={2}>
        {[1, 2, 3, 4].map(i => (
          <Skeleton key={i} variant="text" />
        ))}
      </Box>
    </Box>
  );
}

// signals, the channel's renewal and polling act only once an answer is shown: a chunk of their
// own, requested next to the first status (it renders nothing, so it needs no placeholder)
const LiveUpdates = lazy(() =>
  import('./LiveUpdates').then(m => ({ default: m.LiveUpdates })),
);

// what only a refused target or a contested claim shows: loaded when shown
const ContestedClaim = lazyPart(() =>
  import('./ContestedClaim').then(m => m.ContestedClaim),
);
const RefusedTarget = lazyPart(() =>
  import('./RefusedTarget').then(m => m.RefusedTarget),
);

function DevStatusCard() {
  const { entity } = useEntity();
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const { status, error, loading, refresh } = useDevStatus(
    stringifyEntityRef(entity),
  );

  const action = (
    <IconButton
      aria-label={t('card.refresh')}
      onClick={refresh}
      disabled={loading}
    >
      <RefreshIcon />
    </IconButton>
  );

  const claim = contestedClaimOf(error);
  let content;
  if (claim) {
    content = <ContestedClaim claim={claim} />;
  } else if (status) {
    content = (
      <DevStatusContent entity={entity} status={status} refreshError={error} />
    );
  } else if (refusalsOf(error)) {
    content = <RefusedTarget refusals={refusalsOf(error)!} />;
  } else if (isDenied(error)) {
    // nothing to fix on the card: a statement, not an error panel
    content = (
      <Typography variant="body2" color="textSecondary">
        {t('card.denied')}
      </Typography>
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    content = <LoadingSkeleton label={t('card.loading')} />;
  }

  return (
    <>
      <Suspense fallback={null}>
        <LiveUpdates status={status} refresh={refresh} />
      </Suspense>
      <InfoCard
        title={t('card.title')}
        subheader={
          status && !claim
            ? t('card.subheader', {
                namespace: status.target.namespace,
                cluster: status.target.cluster,
              })
            : undefined
        }
        action={action}
      >
        {content}
      </InfoCard>
    </>
  );
}

/**
 * The "Dev environment" card: Argo CD sync and health, Okteto dev mode, drift, the readiness
 * checklist and the commands, for the entity in context.
 *
 * @public
 */
export function EntityOktetoDevCard() {
  const { entity } = useEntity();
  if (!isOktetoDevEnabled(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={OKTETO_DEV_APP_ANNOTATION} />
    );
  }
  return <DevStatusCard />;
}
