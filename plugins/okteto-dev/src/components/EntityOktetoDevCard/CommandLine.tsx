import { CopyTextButton } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { oktetoDevTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  command: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    flex: 1,
    minWidth: 0,
    padding: theme.spacing(0.5, 1),
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
  },
  // a word moves to the next line whole; only a word longer than the line breaks inside
  word: { display: 'inline-block', maxWidth: '100%' },
}));

/**
 * A command or shell string that wraps between its words, never at a hyphen inside one
 * (`--namespace`, `@scope/some-package`, `--frozen-lockfile`), so what wraps still reads as
 * what to type.
 */
export function Words(props: { text: string }) {
  const classes = useStyles();
  return (
    <>
      {props.text.split(/(\s+)/).map((part, i) =>
        /^\s*$/.test(part) ? (
          part
        ) : (
          <span key={i} className={classes.word}>
            {part}
          </span>
        ),
      )}
    </>
  );
}

/**
 * One command: what it does (`label`), the command in monospace wrapping at any character, and
 * a copy button unless it is nothing to type (`copy={false}`).
 */
export function CommandLine(props: {
  label: string;
  command: string;
  copyLabel?: string;
  copy?: boolean;
  note?: ReactNode;
}) {
  const { label, command, copyLabel, copy = true, note } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const classes = useStyles();
  return (
    <Box mb={1}>
      <Typography variant="caption" color="textSecondary" component="p">
        {label}
      </Typography>
      <Box display="flex" alignItems="flex-start">
        <code className={classes.command}>
          <Words text={command} />
        </code>
        {copy && (
          <CopyTextButton
            text={command}
            tooltipText={t('commands.copied')}
            aria-label={t('commands.copy', { label: copyLabel ?? label })}
          />
        )}
      </Box>
      {note}
    </Box>
  );
}
