import { makeStyles } from '@material-ui/core/styles';

/** Compact list rows for a half-width card: a narrow icon column, text that wraps. */
export const useListStyles = makeStyles(theme => ({
  /** A row without the list item's own vertical padding, for lists of short lines. */
  row: { paddingTop: 0, paddingBottom: 0 },
  icon: {
    minWidth: theme.spacing(4),
    marginTop: theme.spacing(0.5),
  },
  text: {
    // Backstage's theme cuts dense list text to one line with an ellipsis: a checklist finding
    // or a pod's reason must wrap instead (doubled class to win over the theme's override)
    '&&': {
      margin: 0,
      whiteSpace: 'normal',
      overflow: 'visible',
      textOverflow: 'clip',
    },
  },
}));
