import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

describe('App', () => {
  it('serves the Dev environments page at /okteto-dev, with its sidebar item', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    // no backend: the guest sign-in falls back to a local guest once confirmed
    window.confirm = () => true;
    window.fetch = jest.fn(async () => new Response('', { status: 404 }));
    window.history.pushState({}, '', '/okteto-dev');

    // imported once the config is set: the app reads it when created
    const { default: App } = await import('./App');
    render(<App />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 20_000 }),
    );

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Dev environments', level: 1 },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByRole('link', { name: 'Dev mode' })).toHaveAttribute(
      'href',
      '/okteto-dev',
    );
  }, 60_000);
});
