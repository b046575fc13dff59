import '@testing-library/jest-dom';

// The card's tests render the whole card in jsdom and wait for its lazily loaded parts; on a
// machine busy with other work (2 shared cores) that can exceed Jest's 5 s default.
jest.setTimeout(30_000);
