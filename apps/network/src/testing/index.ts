export * from '@privatelink/stack-kit/testing';
export * from './synth';
export * from './targets';
export * from './expected-endpoints';
