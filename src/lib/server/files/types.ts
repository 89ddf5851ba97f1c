/**
 * The FileStore port (DESIGN §2): where the bytes of attachments live. Local disk under
 * `DATA_DIR/files` by default (`local.ts`), a private Supabase Storage bucket in production
 * (`supabase.ts`). The database row (`public.files`) says who may read a file; a store never
 * decides access, the server checks it before it streams a file or signs a URL.
 */

/**
 * `pair/<pair uuid>/<file uuid>` (attachments) or `resource/<scope uuid>/<resource uuid>` (the
 * resource library's documents): the only keys a store accepts (no traversal possible).
 */
export const STORAGE_KEY = /^(pair|resource)\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export function storageKey(pairId: string, fileId: string): string {
	const key = `pair/${pairId}/${fileId}`;
	if (!STORAGE_KEY.test(key)) throw new Error('invalid storage key');
	return key;
}

/** The key of a library document: its programme (or organisation) and its resource row. */
export function resourceStorageKey(scopeId: string, resourceId: string): string {
	const key = `resource/${scopeId}/${resourceId}`;
	if (!STORAGE_KEY.test(key)) throw new Error('invalid storage key');
	return key;
}

export interface FileStore {
	readonly kind: 'local' | 'supabase';
	/** Stores the bytes under `key`; never overwrites an existing blob. */
	put(key: string, data: Uint8Array, contentType: string): Promise<void>;
	/** The bytes as a stream, or null when there is no such blob. */
	get(key: string): Promise<ReadableStream<Uint8Array> | null>;
	/** Removes the blobs; keys that do not exist are ignored. */
	delete(keys: string[]): Promise<void>;
	/**
	 * A short-lived URL the browser may download from directly, when the store can make one
	 * (Supabase Storage); local disk cannot, and the server streams the file instead.
	 */
	signedUrl?(key: string, expiresInSeconds: number, downloadName: string): Promise<string>;
}
