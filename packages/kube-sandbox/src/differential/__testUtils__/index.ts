export * from './compare';
export * from './harness';
export * from './normalize';
