export { createLocalFileStore } from './local';
export { contentDisposition, detectType, sanitiseFileName, ALLOWED_TYPES } from './content';
export { resourceStorageKey, storageKey, STORAGE_KEY, type FileStore } from './types';
