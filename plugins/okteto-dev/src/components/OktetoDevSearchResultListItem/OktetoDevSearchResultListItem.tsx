import { Link } from '@backstage/core-components';
import {
  useAnalytics,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import {
  OKTETO_STATE_SEARCH_VALUES,
  OktetoDevSearchFields,
} from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import PersonIcon from '@material-ui/icons/Person';
import { ReactNode } from 'react';
import { oktetoDevTranslationRef } from '../../translation';
import { StatusChip } from '../EntityOktetoDevCard/StatusChip';
import { useSearchLabels } from './searchLabels';

/**
 * Props of {@link OktetoDevSearchResultListItem}.
 *
 * @public
 */
export interface OktetoDevSearchResultListItemProps {
  /** An `okteto-dev` search document (`OktetoDevSearchDocument`). */
  result?: SearchDocument;
  /** The search engine's highlighted fragments of the title and text, when it returns them. */
  highlight?: ResultHighlight;
  /** The result's position in the list, sent with the analytics `discover` event. */
  rank?: number;
  /** An icon shown before the result. */
  icon?: ReactNode;
}

function Highlighted(props: {
  field: 'title' | 'text';
  value: string;
  highlight?: ResultHighlight;
}) {
  const { field, value, highlight } = props;
  const fragment = highlight?.fields?.[field];
  return fragment ? (
    <HighlightedSearchResultText
      text={fragment}
      preTag={highlight!.preTag}
      postTag={highlight!.postTag}
    />
  ) : (
    <>{value}</>
  );
}

/**
 * One `okteto-dev` search result: the entity's title linked to its page, the text, and chips for
 * Argo CD sync and health, Okteto dev mode (who runs it, and whether it looks abandoned) and drift.
 *
 * @public
 */
export function OktetoDevSearchResultListItem(
  props: OktetoDevSearchResultListItemProps,
) {
  const { result, highlight, rank, icon } = props;
  const analytics = useAnalytics();
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const labels = useSearchLabels();
  if (!result) {
    return null;
  }
  const doc: SearchDocument & Partial<OktetoDevSearchFields> = result;

  return (
    <ListItem alignItems="flex-start" divider>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <ListItemText
        primaryTypographyProps={{ variant: 'h6' }}
        primary={
          <Link
            noTrack
            to={doc.location}
            onClick={() =>
              analytics.captureEvent('discover', doc.title, {
                attributes: { to: doc.location },
                value: rank,
              })
            }
          >
            <Highlighted
              field="title"
              value={doc.title}
              highlight={highlight}
            />
          </Link>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            <Highlighted field="text" value={doc.text} highlight={highlight} />
            <Box mt={1} display="flex" flexWrap="wrap">
              {doc.argoSync && (
                <StatusChip {...labels.argoSync(doc.argoSync)} />
              )}
              {doc.argoHealth && (
                <StatusChip {...labels.argoHealth(doc.argoHealth)} />
              )}
              {doc.oktetoState && (
                <StatusChip {...labels.oktetoState(doc.oktetoState)} />
              )}
              {doc.oktetoState === OKTETO_STATE_SEARCH_VALUES.on &&
                doc.oktetoUser && (
                  <StatusChip
                    tone="off"
                    icon={<PersonIcon />}
                    label={t('search.by', { user: doc.oktetoUser })}
                  />
                )}
              {doc.oktetoState === OKTETO_STATE_SEARCH_VALUES.on &&
                doc.oktetoAbandoned && (
                  <StatusChip tone="warning" label={t('search.abandoned')} />
                )}
              {doc.driftKind && (
                <StatusChip {...labels.driftKind(doc.driftKind)} />
              )}
            </Box>
          </>
        }
      />
    </ListItem>
  );
}
