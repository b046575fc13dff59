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
import { ReactNode } from 'react';
import { oktetoDevTranslationRef } from '../../translation';
import { StatusChip } from '../EntityOktetoDevCard/StatusChip';
import {
  mostImportantFirst,
  VerdictPart,
} from '../EntityOktetoDevCard/verdict';
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
 * One `okteto-dev` search result: the entity's title linked to its page, the card's summary line
 * (Argo CD sync and health, Okteto dev mode with who runs it and whether it looks abandoned, drift;
 * what is wrong first), then the text.
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

  // the card's summary line, from the fields the collator indexed
  const chips = (d: typeof doc): VerdictPart[] => {
    const parts: VerdictPart[] = [];
    if (d.argoSync && d.argoHealth) {
      parts.push(labels.argo(d.argoSync, d.argoHealth, d.driftKind));
    }
    if (d.oktetoState === OKTETO_STATE_SEARCH_VALUES.on) {
      const who = d.oktetoUser ?? t('summary.developerUnknown');
      parts.push(
        d.oktetoAbandoned
          ? { tone: 'warning', label: t('search.devAbandoned', { who }) }
          : { tone: 'info', label: t('summary.devOnNoAge', { who }) },
      );
    } else if (d.oktetoState) {
      parts.push(labels.oktetoState(d.oktetoState));
    }
    if (d.driftKind) parts.push(labels.driftKind(d.driftKind));
    return parts;
  };

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
            {/* the verdict first, as on the card; then the document's text */}
            <Box
              role="group"
              aria-label={t('summary.label')}
              mt={0.5}
              mb={0.5}
              display="flex"
              flexWrap="wrap"
            >
              {mostImportantFirst(chips(doc)).map(chip => (
                <StatusChip key={chip.label} {...chip} />
              ))}
            </Box>
            <Highlighted field="text" value={doc.text} highlight={highlight} />
          </>
        }
      />
    </ListItem>
  );
}
