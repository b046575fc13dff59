import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The card's tests render the whole card in jsdom and wait for its lazily loaded parts and
// translations; on a machine busy with other work (2 shared cores) that can exceed Jest's 5 s per
// test and Testing Library's 1 s per findBy/waitFor.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });
