export * from './commands';
export * from './queries';
export { MessageError } from './errors';
export { messageParts, mentionOptions } from './text';
export { messagePosted } from './delivery';
