export { createLocalFileStore } from './local';
export { createSupabaseFileStore } from './supabase';
export { contentDisposition, detectType, sanitiseFileName, ALLOWED_TYPES } from './content';
export { resourceStorageKey, storageKey, STORAGE_KEY, type FileStore } from './types';
