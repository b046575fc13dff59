import { screen } from '@testing-library/react';
import {
  expandSection,
  renderStatus,
  sectionButton,
} from '../../__testUtils__/renderCard';
import { fixtures } from '../../testing/fixtures';

// Which of the modules the card loads when shown were required: jest runs a mock's factory on
// the first require of its module, so each factory records that and hands over the real module.
const mockLoaded = new Set<string>();
jest.mock('./OktetoSection', () => {
  mockLoaded.add('OktetoSection');
  return jest.requireActual('./OktetoSection');
});
jest.mock('./ArgoSection', () => {
  mockLoaded.add('ArgoSection');
  return jest.requireActual('./ArgoSection');
});
jest.mock('./WorkloadSection', () => {
  mockLoaded.add('WorkloadSection');
  return jest.requireActual('./WorkloadSection');
});
jest.mock('./HistorySection', () => {
  mockLoaded.add('HistorySection');
  return jest.requireActual('./HistorySection');
});
jest.mock('./EventsSection', () => {
  mockLoaded.add('EventsSection');
  return jest.requireActual('./EventsSection');
});
jest.mock('./Checklist', () => {
  mockLoaded.add('Checklist');
  return jest.requireActual('./Checklist');
});
jest.mock('./ItemActions', () => {
  mockLoaded.add('ItemActions');
  return jest.requireActual('./ItemActions');
});
jest.mock('./CommandList', () => {
  mockLoaded.add('CommandList');
  return jest.requireActual('./CommandList');
});
jest.mock('./StopDevMode', () => {
  mockLoaded.add('StopDevMode');
  return jest.requireActual('./StopDevMode');
});

describe('EntityOktetoDevCard: what loads when', () => {
  it('a healthy card loads no section body; each loads when its section is opened', async () => {
    await renderStatus(fixtures.healthyOff);
    expect(screen.getByText('Dev mode off')).toBeInTheDocument();
    expect(sectionButton('History and resources')).toBeInTheDocument();
    expect([...mockLoaded]).toEqual([]);

    const history = await expandSection('History and resources');
    expect(
      history.getByRole('list', { name: 'Last syncs' }),
    ).toBeInTheDocument();
    expect([...mockLoaded]).toEqual(['HistorySection']);

    const checklist = await expandSection('Readiness checklist');
    expect(checklist.getByText('selfHeal off')).toBeInTheDocument();
    // the fix buttons come with the items, in the same load
    expect([...mockLoaded].sort()).toEqual(
      ['Checklist', 'HistorySection', 'ItemActions'].sort(),
    );
  });

  it('a broken session loads what it shows at once: okteto down and the open Okteto section', async () => {
    await renderStatus(fixtures.brokenPruned);
    expect(
      screen.getByRole('list', { name: 'Why dev mode is broken' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy: Stop dev mode' }),
    ).toBeInTheDocument();
    expect(mockLoaded).toContain('StopDevMode');
    expect(mockLoaded).toContain('OktetoSection');
    // closed sections stay unloaded
    expect(mockLoaded).not.toContain('CommandList');
    expect(mockLoaded).not.toContain('EventsSection');
  });
});
