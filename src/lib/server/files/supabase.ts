/**
 * The FileStore on a private Supabase Storage bucket, through `@supabase/supabase-js` with the
 * service-role key (server only; the browser never talks to Storage with its own rights). The
 * Storage REST calls it makes are pinned by tests/integration/files-supabase.test.ts against a
 * contract server (tests/helpers/storage-contract-server.ts).
 */
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { STORAGE_KEY, type FileStore } from './types';

export interface SupabaseFileStoreOptions {
	url: string;
	serviceRoleKey: string;
	bucket: string;
	fetch?: typeof fetch;
}

type Transport = NonNullable<
	NonNullable<NonNullable<Parameters<typeof createClient>[2]>['realtime']>['transport']
>;

function checked(key: string): string {
	if (!STORAGE_KEY.test(key)) throw new Error('invalid storage key');
	return key;
}

export function createSupabaseFileStore(options: SupabaseFileStoreOptions): FileStore {
	const client = createClient(options.url, options.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: options.fetch ? { fetch: options.fetch } : undefined,
		// Never used here, but createClient builds a realtime client, which on Node 20 (no native
		// WebSocket) throws unless it is given one.
		// (ws's typings differ from realtime-js's WebSocketLike in details it does not use.)
		realtime: { transport: WebSocket as unknown as Transport }
	});
	const bucket = () => client.storage.from(options.bucket);
	return {
		kind: 'supabase',
		async put(key, data, contentType) {
			const { error } = await bucket().upload(checked(key), data, {
				contentType,
				upsert: false,
				cacheControl: '0'
			});
			if (error) throw new Error(`storage upload failed: ${error.message}`);
		},
		async get(key) {
			const { data, error } = await bucket().download(checked(key)).asStream();
			if (error) {
				const status = (error as { status?: number; statusCode?: string }).status;
				if (status === 404 || status === 400) return null;
				throw new Error(`storage download failed: ${error.message}`);
			}
			return data as ReadableStream<Uint8Array>;
		},
		async delete(keys) {
			if (keys.length === 0) return;
			const { error } = await bucket().remove(keys.map(checked));
			if (error) throw new Error(`storage remove failed: ${error.message}`);
		},
		async signedUrl(key, expiresInSeconds, downloadName) {
			const { data, error } = await bucket().createSignedUrl(checked(key), expiresInSeconds, {
				download: downloadName
			});
			if (error || !data) throw new Error(`storage sign failed: ${error?.message}`);
			return data.signedUrl;
		}
	};
}
