/**
 * A small server that speaks the part of Supabase Storage's REST API the FileStore adapter uses,
 * with the request and response shapes of the Storage server itself (github.com/supabase/storage,
 * src/http/routes/object/):
 *
 * - upload `POST /object/:bucketName/*` (createObject.ts): the bytes as the body, `content-type`,
 *   `x-upsert`; answers `{ Key: '<bucket>/<path>', Id }`. An existing object without upsert is
 *   refused (`statusCode: '409'`, `error: 'Duplicate'`).
 * - download `GET /object/:bucketName/*` (getObject.ts): the bytes; missing → 404
 *   `{ statusCode: '404', error: 'not_found', message: 'Object not found' }`.
 * - remove `DELETE /object/:bucketName` with `{ prefixes: string[] }` (deleteObjects.ts): answers
 *   the removed objects as an array.
 * - sign `POST /object/sign/:bucketName/*` with `{ expiresIn }` (getSignedURL.ts): answers
 *   `{ signedURL: '/object/sign/<bucket>/<path>?token=…' }`; `GET` on that URL serves the object
 *   without a key (getSignedObject.ts), as an attachment when `download` is given.
 *
 * Every call but the signed GET must carry the key as `apikey` and `Authorization: Bearer`
 * (the headers supabase-js sets, SupabaseClient `_getAuthHeaders`). All under `/storage/v1`,
 * where supabase-js points its storage client. Requests are recorded for assertions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | undefined>;
	body: Buffer;
}

export interface StorageContractServer {
	url: string;
	requests: RecordedRequest[];
	objects: Map<string, { bytes: Buffer; contentType: string }>;
	close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
	new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});

export async function startStorageContractServer(key: string): Promise<StorageContractServer> {
	const requests: RecordedRequest[] = [];
	const objects = new Map<string, { bytes: Buffer; contentType: string }>();
	const tokens = new Map<string, { object: string; expires: number }>();

	const server: Server = createServer((req, res) => {
		void (async () => {
			const body = await read(req);
			const url = new URL(req.url ?? '/', 'http://localhost');
			const path = decodeURIComponent(url.pathname);
			requests.push({
				method: req.method ?? '',
				path: url.pathname + url.search,
				headers: {
					authorization: req.headers.authorization,
					apikey: req.headers.apikey as string | undefined,
					'content-type': req.headers['content-type'],
					'x-upsert': req.headers['x-upsert'] as string | undefined
				},
				body
			});
			const json = (status: number, value: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(value));
			};
			const refuse = (status: number, error: string, message: string) =>
				json(status, { statusCode: String(status), error, message });
			const prefix = '/storage/v1/object/';
			if (!path.startsWith(prefix)) return refuse(404, 'not_found', 'Route not found');
			const rest = path.slice(prefix.length);

			// The signed download needs no key, only a valid token.
			if (req.method === 'GET' && rest.startsWith('sign/')) {
				const grant = tokens.get(url.searchParams.get('token') ?? '');
				const object = rest.slice('sign/'.length);
				if (!grant || grant.object !== object || grant.expires < Date.now())
					return refuse(400, 'InvalidJWT', 'invalid signature');
				const stored = objects.get(object);
				if (!stored) return refuse(404, 'not_found', 'Object not found');
				const download = url.searchParams.get('download');
				res.writeHead(200, {
					'content-type': stored.contentType,
					...(download !== null
						? { 'content-disposition': `attachment; filename="${download}"` }
						: {})
				});
				return res.end(stored.bytes);
			}

			if (req.headers.apikey !== key || req.headers.authorization !== `Bearer ${key}`)
				return refuse(403, 'Unauthorized', 'invalid key');

			if (req.method === 'POST' && rest.startsWith('sign/')) {
				const object = rest.slice('sign/'.length);
				const { expiresIn } = JSON.parse(body.toString('utf8')) as { expiresIn?: unknown };
				if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 1)
					return refuse(400, 'invalid_request', 'body/expiresIn must be integer');
				if (!objects.has(object)) return refuse(404, 'not_found', 'Object not found');
				const token = randomBytes(16).toString('hex');
				tokens.set(token, { object, expires: Date.now() + expiresIn * 1000 });
				return json(200, {
					signedURL: `/object/sign/${encodeURI(object)}?token=${token}`
				});
			}
			if (req.method === 'POST') {
				if (objects.has(rest) && req.headers['x-upsert'] !== 'true')
					return refuse(400, 'Duplicate', 'The resource already exists');
				objects.set(rest, {
					bytes: body,
					contentType: req.headers['content-type'] ?? 'application/octet-stream'
				});
				return json(200, { Key: rest, Id: randomUUID() });
			}
			if (req.method === 'GET') {
				const stored = objects.get(rest);
				if (!stored) return refuse(404, 'not_found', 'Object not found');
				res.writeHead(200, { 'content-type': stored.contentType });
				return res.end(stored.bytes);
			}
			if (req.method === 'DELETE' && !rest.includes('/')) {
				const { prefixes } = JSON.parse(body.toString('utf8')) as { prefixes?: unknown };
				if (!Array.isArray(prefixes) || prefixes.length === 0)
					return refuse(400, 'invalid_request', 'body/prefixes must NOT have fewer than 1 items');
				const removed = [];
				for (const p of prefixes as string[]) {
					if (objects.delete(`${rest}/${p}`)) removed.push({ name: p, bucket_id: rest });
				}
				return json(200, removed);
			}
			return refuse(404, 'not_found', 'Route not found');
		})().catch(() => {
			res.writeHead(500);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		objects,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
