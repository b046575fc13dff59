import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Collapse from '@material-ui/core/Collapse';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ReactNode, useEffect, useId, useState } from 'react';
import { Tone, ToneIcon } from './StatusChip';

const useStyles = makeStyles(theme => ({
  section: {
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  header: {
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    padding: theme.spacing(1, 0),
    gap: theme.spacing(1),
    borderRadius: theme.shape.borderRadius,
  },
  title: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  summary: {
    color: theme.palette.text.secondary,
    flex: 1,
    minWidth: 0,
  },
  icon: {
    display: 'inline-flex',
    '& svg': { fontSize: 18 },
  },
  expand: {
    transition: theme.transitions.create('transform'),
    color: theme.palette.text.secondary,
  },
  expanded: {
    transform: 'rotate(180deg)',
  },
  body: {
    paddingBottom: theme.spacing(1.5),
    '& > * + *': { marginTop: theme.spacing(0.75) },
  },
}));

/**
 * A part of the card that expands on demand: a heading button (title, an optional one-line
 * summary and tone icon) and its content, mounted only while open. It opens by itself when it
 * starts needing attention (`defaultOpen` turns true) and otherwise keeps what the reader chose.
 */
export function CollapsibleSection(props: {
  title: string;
  summary?: string;
  tone?: Tone;
  defaultOpen: boolean;
  children: ReactNode;
}) {
  const { title, summary, tone, defaultOpen, children } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(defaultOpen);
  useEffect(() => {
    if (defaultOpen) setOpen(true);
  }, [defaultOpen]);
  const id = useId();

  return (
    <Box
      component="section"
      className={classes.section}
      aria-labelledby={`${id}-h`}
    >
      <Typography component="h3" variant="body2" id={`${id}-h`}>
        <ButtonBase
          className={classes.header}
          aria-expanded={open}
          aria-controls={`${id}-c`}
          onClick={() => setOpen(value => !value)}
        >
          {tone && (
            <span className={classes.icon}>
              <ToneIcon tone={tone} />
            </span>
          )}
          <span className={classes.title}>{title}</span>{' '}
          <span className={classes.summary}>{summary}</span>
          <ExpandMoreIcon
            className={`${classes.expand} ${open ? classes.expanded : ''}`}
          />
        </ButtonBase>
      </Typography>
      <Collapse in={open} unmountOnExit>
        <div id={`${id}-c`} className={classes.body}>
          {children}
        </div>
      </Collapse>
    </Box>
  );
}
