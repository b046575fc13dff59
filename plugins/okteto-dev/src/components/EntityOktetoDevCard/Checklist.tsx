import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ChecklistId,
  ChecklistItem,
  ChecklistState,
  DevStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { oktetoDevTranslationRef } from '../../translation';
import { useListStyles } from './listStyles';
import { Tone, ToneIcon } from './StatusChip';
import { useDevMessage } from './useDevMessage';

const ITEM_KEYS = {
  'argo-application': 'argoApplication',
  'namespace-convention': 'namespaceConvention',
  'env-var': 'envVar',
  'env-secret': 'envSecret',
  'self-heal-off': 'selfHealOff',
  'replicas-ignored': 'replicasIgnored',
  'dev-service': 'devService',
  'dev-image': 'devImage',
  stignore: 'stignore',
} as const satisfies Record<ChecklistId, string>;

const STATE_TONES: Record<ChecklistState, Tone> = {
  pass: 'ok',
  fail: 'error',
  unknown: 'neutral',
};

function ItemRow(props: {
  item: ChecklistItem;
  title: string;
  /** The item above that says the same, when the backend gave both one reason. */
  sameAs?: string;
  children?: ReactNode;
}) {
  const { item, title, sameAs, children } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const render = useDevMessage();
  const classes = useListStyles();
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemIcon className={classes.icon}>
        <ToneIcon tone={STATE_TONES[item.status] ?? 'neutral'} />
      </ListItemIcon>
      <ListItemText
        className={classes.text}
        primary={
          <>
            {title}
            <Typography
              variant="caption"
              component="span"
              color="textSecondary"
            >
              {' — '}
              {t(`checklist.status.${item.status}`)}
            </Typography>
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            {sameAs
              ? t('checklist.sameReason', { item: sameAs })
              : render(item)}
            {children}
          </>
        }
      />
    </ListItem>
  );
}

/**
 * The readiness checklist's body ("6 of 9 passed" is on its heading, in `sections.tsx`; this
 * loads when it opens; items switched off in config are not counted, and named under the list):
 * the items that did not pass are listed, the passed ones behind a toggle. `actions` gives what
 * goes under an item: a link to the file that fixes it, a button that opens the fix as a pull
 * request.
 */
export function ChecklistBody(props: {
  status: DevStatus;
  actions?: (item: ChecklistItem) => ReactNode;
}) {
  const { status, actions } = props;
  const items = status.checklist;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const [showPassed, setShowPassed] = useState(false);
  const passed = items.filter(item => item.status === 'pass');
  const open = items.filter(item => item.status !== 'pass');
  const { envVar } = status.target;

  const titleOf = (id: ChecklistId) => {
    const key = ITEM_KEYS[id];
    if (!key) return id;
    return key === 'envVar'
      ? t('checklist.item.envVar', { name: envVar.name, value: envVar.value })
      : t(`checklist.item.${key}`);
  };
  const title = (item: ChecklistItem) => titleOf(item.id);
  const shown = showPassed || open.length === 0 ? items : open;
  // one reason given to several items (a missing Application, an unreadable workload) is said once
  const firstWith = new Map<string, ChecklistItem>();
  const sameAs = (item: ChecklistItem) => {
    const key = `${item.code}:${JSON.stringify(item.params)}`;
    const first = firstWith.get(key);
    if (!first) firstWith.set(key, item);
    return first && first !== item ? title(first) : undefined;
  };

  return (
    <>
      <List dense disablePadding aria-label={t('checklist.title')}>
        {shown.map(item => (
          <ItemRow
            key={item.id}
            item={item}
            title={title(item)}
            sameAs={sameAs(item)}
          >
            {actions?.(item)}
          </ItemRow>
        ))}
      </List>
      {status.checklistOff && status.checklistOff.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          {t('checklist.off', {
            items: status.checklistOff
              .map(id => (ITEM_KEYS[id] ? titleOf(id) : id))
              .join(', '),
          })}
        </Typography>
      )}
      {open.length > 0 && passed.length > 0 && (
        <Button
          size="small"
          aria-expanded={showPassed}
          onClick={() => setShowPassed(value => !value)}
        >
          {showPassed
            ? t('checklist.hidePassed')
            : t('checklist.showPassed', { passed: String(passed.length) })}
        </Button>
      )}
    </>
  );
}
