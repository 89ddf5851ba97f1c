import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { totpCode } from '$lib/server/auth/totp';

/**
 * A stand-in for Supabase Auth (GoTrue) that answers the MFA requests supabase-js sends, shaped
 * as GoTrue's API documents them: password grant, GET /user (the factors), a factor's challenge
 * and verify. Tokens are HS256 JWTs with the `aal` claim GoTrue sets. It knows one person with
 * one verified TOTP factor. What it proves is our side of the protocol, not GoTrue itself.
 */
export interface GoTrueContractServer {
	url: string;
	requests: { method: string; path: string }[];
	close(): Promise<void>;
}

export async function startGoTrueContractServer(options: {
	jwtSecret: string;
	user: { id: string; email: string; password: string };
	totpKey: Uint8Array;
}): Promise<GoTrueContractServer> {
	const requests: GoTrueContractServer['requests'] = [];
	const secret = new TextEncoder().encode(options.jwtSecret);
	const factor = {
		id: '6f0e3c2a-4b8e-4a5e-9d1c-3f2b1a0e9c11',
		friendly_name: 'Mentorpad',
		factor_type: 'totp',
		status: 'verified',
		created_at: new Date().toISOString(),
		updated_at: new Date().toISOString()
	};
	const user = {
		id: options.user.id,
		aud: 'authenticated',
		role: 'authenticated',
		email: options.user.email,
		app_metadata: { provider: 'email' },
		user_metadata: {},
		factors: [factor],
		created_at: new Date().toISOString()
	};
	let url = '';

	async function session(aal: 'aal1' | 'aal2') {
		const now = Math.floor(Date.now() / 1000);
		const accessToken = await new SignJWT({
			email: user.email,
			role: 'authenticated',
			aal,
			session_id: 'c0ffee00-0000-4000-8000-000000000001',
			amr: [{ method: aal === 'aal2' ? 'totp' : 'password', timestamp: now }]
		})
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setSubject(user.id)
			.setAudience('authenticated')
			.setIssuer(`${url}/auth/v1`)
			.setIssuedAt(now)
			.setExpirationTime(now + 3600)
			.sign(secret);
		return {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: 3600,
			expires_at: now + 3600,
			refresh_token: `refresh-${aal}`,
			user
		};
	}

	const body = async (req: IncomingMessage) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		return chunks.length
			? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>)
			: {};
	};

	const server = createServer((req, res) => {
		void (async () => {
			const path = (req.url ?? '').split('?')[0];
			requests.push({ method: req.method ?? '', path: req.url ?? '' });
			const send = (status: number, json: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			const input = await body(req);
			if (req.method === 'POST' && path === '/auth/v1/token') {
				const ok = input.email === user.email && input.password === options.user.password;
				return ok
					? send(200, await session('aal1'))
					: send(400, {
							code: 400,
							error_code: 'invalid_credentials',
							msg: 'Invalid login credentials'
						});
			}
			if (req.method === 'GET' && path === '/auth/v1/user') return send(200, user);
			if (req.method === 'POST' && path === `/auth/v1/factors/${factor.id}/challenge`) {
				return send(200, {
					id: 'c4a11e9e-0000-4000-8000-000000000002',
					type: 'totp',
					expires_at: Math.floor(Date.now() / 1000) + 300
				});
			}
			if (req.method === 'POST' && path === `/auth/v1/factors/${factor.id}/verify`) {
				return input.code === totpCode(options.totpKey)
					? send(200, await session('aal2'))
					: send(422, {
							code: 422,
							error_code: 'mfa_verification_failed',
							msg: 'Invalid TOTP code entered'
						});
			}
			send(404, { code: 404, msg: `not in this contract: ${req.method} ${path}` });
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		requests,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
