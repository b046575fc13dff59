import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { OktetoAppFolderPickerUiOptions } from './validation';

/**
 * The app folder of a monorepo (`apps/x`) as a text field; its validation checks that the
 * folder holds a package.json in the repository chosen in the same form.
 */
export function OktetoAppFolderPicker(
  props: FieldExtensionComponentProps<string, OktetoAppFolderPickerUiOptions>,
) {
  const {
    onChange,
    required,
    disabled,
    rawErrors = [],
    formData,
    schema,
    uiSchema,
    idSchema,
  } = props;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title}
      helperText={uiSchema?.['ui:description'] ?? schema.description}
      placeholder={uiSchema?.['ui:placeholder']}
      required={required}
      disabled={disabled}
      error={rawErrors.length > 0}
      value={formData ?? ''}
      onChange={event => onChange(event.target.value)}
      margin="normal"
      fullWidth
      inputProps={{ spellCheck: false }}
    />
  );
}
