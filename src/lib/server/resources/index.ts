export * from './commands';
export * from './queries';
export * from './form';
export * from './actions';
