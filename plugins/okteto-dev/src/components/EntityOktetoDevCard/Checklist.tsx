import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ChecklistId,
  ChecklistItem,
  ChecklistState,
} from '@okteto-dev/plugin-okteto-dev-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { Section } from './Section';
import { Tone, ToneIcon } from './StatusChip';

const ITEM_KEYS = {
  'argo-application': 'argoApplication',
  'namespace-convention': 'namespaceConvention',
  'synestra-env-dev': 'synestraEnvDev',
  'env-secret': 'envSecret',
  'self-heal-off': 'selfHealOff',
  'dev-service': 'devService',
  'dev-image': 'devImage',
  stignore: 'stignore',
} as const satisfies Record<ChecklistId, string>;

const STATE_TONES: Record<ChecklistState, Tone> = {
  pass: 'ok',
  fail: 'error',
  unknown: 'neutral',
};

/** The readiness checklist (runbook §7): each item's state as icon and text, help when not passed. */
export function Checklist(props: { items: ChecklistItem[] }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <Section title={t('checklist.title')}>
      <List dense disablePadding aria-label={t('checklist.title')}>
        {props.items.map(item => {
          const key = ITEM_KEYS[item.id];
          return (
            <ListItem key={item.id} disableGutters alignItems="flex-start">
              <ListItemIcon>
                <ToneIcon tone={STATE_TONES[item.status] ?? 'neutral'} />
              </ListItemIcon>
              <ListItemText
                primary={
                  <>
                    {key ? t(`checklist.item.${key}`) : item.id}
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
                    {item.message && <div>{item.message}</div>}
                    {key && item.status !== 'pass' && (
                      <div>{t(`checklist.help.${key}`)}</div>
                    )}
                  </>
                }
              />
            </ListItem>
          );
        })}
      </List>
    </Section>
  );
}
