export * from './types';
export * from './fortnights';
export * from './suppression';
export * from './csv';
export * from './shape';
export * from './schemas';
