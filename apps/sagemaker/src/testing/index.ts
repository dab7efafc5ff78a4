export * from './policies';
export * from './synth';
export * from './targets';
