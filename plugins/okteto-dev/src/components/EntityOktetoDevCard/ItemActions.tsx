import { Entity } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ChecklistItem, DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { oktetoDevTranslationRef } from '../../translation';
import { offersEnableOkteto } from './attention';
import { ChecklistBody } from './Checklist';
import { EnableOktetoButton } from './EnableOktetoButton';
import { FixButton } from './FixButton';
import { fixFor } from './fixes';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * What goes under a checklist item: the values file next to the env var, "Enable Okteto" for an
 * app without a dev entry that nobody is in dev mode on, else the fix as a pull request. Loaded
 * with the checklist's body.
 */
export function ItemActions(props: {
  entity: Entity;
  status: DevStatus;
  item: ChecklistItem;
}) {
  const { entity, status, item } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const classes = useStyles();
  if (item.id === 'dev-service' && offersEnableOkteto(status)) {
    return <EnableOktetoButton entity={entity} status={status} />;
  }
  const fix = fixFor(item, status);
  const values = item.id === 'env-var' ? status.links?.valuesFile : undefined;
  if (!fix && !values) return null;
  return (
    <Box className={classes.actions}>
      {values && (
        <Typography variant="body2" component="span">
          <Link to={values}>{t('links.valuesFile')}</Link>
        </Typography>
      )}
      {fix && <FixButton entity={entity} status={status} fix={fix} />}
    </Box>
  );
}

/** The checklist's body with, under each item, its actions: what the Checklist section shows. */
export function ChecklistWithActions(props: {
  entity: Entity;
  status: DevStatus;
}) {
  const { entity, status } = props;
  return (
    <ChecklistBody
      status={status}
      actions={item => (
        <ItemActions entity={entity} status={status} item={item} />
      )}
    />
  );
}
