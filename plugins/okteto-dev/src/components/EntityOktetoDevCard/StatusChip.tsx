import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import InfoIcon from '@material-ui/icons/Info';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import WarningIcon from '@material-ui/icons/Warning';
import { ReactElement } from 'react';

/**
 * How a status reads: the chip's colour and, so colour is never the only signal, its icon.
 * `neutral` is "not known" (a question mark); `off` is a known, quiet state (dev mode off).
 */
export type Tone = 'ok' | 'info' | 'warning' | 'error' | 'neutral' | 'off';

const toneColor = (theme: Theme, tone: Tone) =>
  ({
    ok: theme.palette.success.main,
    info: theme.palette.info.main,
    warning: theme.palette.warning.main,
    error: theme.palette.error.main,
    neutral: theme.palette.text.secondary,
    off: theme.palette.text.secondary,
  }[tone]);

const useStyles = makeStyles<Theme, { tone: Tone }>(theme => ({
  chip: ({ tone }) => ({
    color: toneColor(theme, tone),
    borderColor: toneColor(theme, tone),
    marginRight: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
    // long labels wrap instead of being cut off with an ellipsis
    height: 'auto',
    minHeight: 24,
    maxWidth: '100%',
  }),
  label: {
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    paddingTop: 2,
    paddingBottom: 2,
  },
  icon: { color: 'inherit' },
  iconOnly: ({ tone }) => ({
    color: toneColor(theme, tone),
    display: 'inline-flex',
  }),
}));

const TONE_ICONS: Record<Tone, ReactElement> = {
  ok: <CheckCircleIcon />,
  info: <InfoIcon />,
  warning: <WarningIcon />,
  error: <ErrorIcon />,
  neutral: <HelpOutlineIcon />,
  off: <RadioButtonUncheckedIcon />,
};

/**
 * A small outlined chip: icon and label in the tone's colour. Long labels wrap.
 */
export function StatusChip(props: {
  tone: Tone;
  label: string;
  icon?: ReactElement;
}) {
  const { tone, label, icon } = props;
  const classes = useStyles({ tone });
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={icon ?? TONE_ICONS[tone]}
      label={label}
      className={classes.chip}
      classes={{ icon: classes.icon, label: classes.label }}
    />
  );
}

/** The tone's icon alone, coloured, for lists where the text sits next to it. */
export function ToneIcon(props: { tone: Tone }) {
  const classes = useStyles({ tone: props.tone });
  return (
    <span className={classes.iconOnly} data-tone={props.tone}>
      {TONE_ICONS[props.tone]}
    </span>
  );
}
