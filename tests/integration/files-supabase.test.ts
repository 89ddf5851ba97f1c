import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storageKey, type FileStore } from '$lib/server/files';
import { createSupabaseFileStore } from '$lib/server/files/supabase';
import {
	startStorageContractServer,
	type StorageContractServer
} from '../helpers/storage-contract-server';

/**
 * The Supabase Storage adapter against a server that speaks Storage's REST API as documented in
 * its source (see the helper): the exact requests supabase-js sends for each FileStore call.
 * What this proves: our calls map to these endpoints, headers and bodies, and our adapter reads
 * the answers (including a missing object and a refused overwrite) correctly. What it does not:
 * that a real Storage deployment accepts them (bucket policies, size limits, its JWT checks).
 */
const KEY = 'service-role-key-for-tests';
const BUCKET = 'attachments';
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

let server: StorageContractServer;
let store: FileStore;

beforeAll(async () => {
	server = await startStorageContractServer(KEY);
	store = createSupabaseFileStore({ url: server.url, serviceRoleKey: KEY, bucket: BUCKET });
});
afterAll(() => server.close());
beforeEach(() => {
	server.requests.length = 0;
});

const read = async (stream: ReadableStream<Uint8Array> | null) =>
	stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : null;

describe('Supabase Storage file store (REST contract)', () => {
	it('uploads the bytes with the service key, the type and no upsert', async () => {
		const key = storageKey(randomUUID(), randomUUID());
		await store.put(key, PDF, 'application/pdf');
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/storage/v1/object/${BUCKET}/${key}`);
		expect(request.headers).toEqual({
			authorization: `Bearer ${KEY}`,
			apikey: KEY,
			'content-type': 'application/pdf',
			'x-upsert': 'false'
		});
		expect(new Uint8Array(request.body)).toEqual(PDF);
		expect(server.objects.get(`${BUCKET}/${key}`)?.contentType).toBe('application/pdf');
		// Never overwrites.
		await expect(store.put(key, PDF, 'application/pdf')).rejects.toThrow(/upload failed/);
	});

	it('downloads as a stream; a missing object is null', async () => {
		const key = storageKey(randomUUID(), randomUUID());
		await store.put(key, PDF, 'application/pdf');
		server.requests.length = 0;
		expect(await read(await store.get(key))).toEqual(PDF);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/storage/v1/object/${BUCKET}/${key}`,
			headers: { authorization: `Bearer ${KEY}`, apikey: KEY }
		});
		expect(await store.get(storageKey(randomUUID(), randomUUID()))).toBeNull();
	});

	it('signs a short-lived URL that serves the file as a download without the key', async () => {
		const key = storageKey(randomUUID(), randomUUID());
		await store.put(key, PDF, 'application/pdf');
		server.requests.length = 0;
		const url = await store.signedUrl!(key, 60, 'verslag.pdf');
		expect(server.requests[0]).toMatchObject({
			method: 'POST',
			path: `/storage/v1/object/sign/${BUCKET}/${key}`,
			headers: { authorization: `Bearer ${KEY}`, apikey: KEY }
		});
		expect(JSON.parse(server.requests[0].body.toString('utf8'))).toEqual({ expiresIn: 60 });
		expect(url).toMatch(
			new RegExp(
				`^${server.url}/storage/v1/object/sign/${BUCKET}/${key}\\?token=[0-9a-f]+&download=verslag.pdf$`
			)
		);
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="verslag.pdf"');
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
	});

	it('removes with one DELETE naming the keys', async () => {
		const keys = [storageKey(randomUUID(), randomUUID()), storageKey(randomUUID(), randomUUID())];
		for (const key of keys) await store.put(key, PDF, 'application/pdf');
		server.requests.length = 0;
		await store.delete(keys);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'DELETE',
			path: `/storage/v1/object/${BUCKET}`,
			headers: { authorization: `Bearer ${KEY}`, apikey: KEY }
		});
		expect(JSON.parse(server.requests[0].body.toString('utf8'))).toEqual({ prefixes: keys });
		for (const key of keys) expect(await store.get(key)).toBeNull();
		await store.delete([]);
	});

	it('refuses keys that are not the server’s own, before any request', async () => {
		for (const key of ['../secret', 'pair/x/../../y', `pair/${randomUUID()}/../a`]) {
			await expect(store.put(key, PDF, 'application/pdf')).rejects.toThrow(/invalid storage key/);
			await expect(store.get(key)).rejects.toThrow(/invalid storage key/);
		}
		expect(server.requests).toEqual([]);
	});

	it('a wrong key is refused by the server and surfaces as an error', async () => {
		const wrong = createSupabaseFileStore({
			url: server.url,
			serviceRoleKey: 'nope',
			bucket: BUCKET
		});
		await expect(
			wrong.put(storageKey(randomUUID(), randomUUID()), PDF, 'application/pdf')
		).rejects.toThrow(/upload failed/);
	});
});
