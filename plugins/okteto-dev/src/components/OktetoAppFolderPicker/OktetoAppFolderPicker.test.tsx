import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ComponentProps, useState } from 'react';
import { OktetoAppFolderPicker } from './OktetoAppFolderPicker';

type Props = ComponentProps<typeof OktetoAppFolderPicker>;

/** The field as the form renders it, holding its value like the form does. */
function Field(props: { rawErrors?: string[]; onValue: (v: string) => void }) {
  const [value, setValue] = useState<string | undefined>('apps/');
  const fieldProps = {
    formData: value,
    onChange: (next: string | undefined) => {
      setValue(next);
      props.onValue(next ?? '');
    },
    required: true,
    rawErrors: props.rawErrors,
    schema: {
      title: 'App folder',
      description: 'Folder of the app in the monorepo.',
    },
    uiSchema: {},
    idSchema: { $id: 'root_appDir' },
  } as Partial<Props> as Props;
  return <OktetoAppFolderPicker {...fieldProps} />;
}

describe('OktetoAppFolderPicker', () => {
  it('is a labelled text field that reports what is typed', async () => {
    const values: string[] = [];
    await renderInTestApp(<Field onValue={v => values.push(v)} />);

    const input = screen.getByRole('textbox', { name: /App folder/ });
    expect(input).toHaveValue('apps/');
    expect(
      screen.getByText('Folder of the app in the monorepo.'),
    ).toBeInTheDocument();
    await userEvent.type(input, 'shop');
    expect(values[values.length - 1]).toBe('apps/shop');
  });

  it('marks itself invalid when the form reports an error', async () => {
    await renderInTestApp(
      <Field rawErrors={['apps/x has no package.json']} onValue={() => {}} />,
    );

    expect(screen.getByRole('textbox', { name: /App folder/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
