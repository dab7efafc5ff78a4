export * from '@privatelink/stack-kit/testing';
export * from './checks';
export * from './synth';
export * from './targets';
export * from './expected-endpoints';
