/**
 * A Cookie header that names `mp_session` twice (a stale cookie for a sub-path or a sibling
 * domain next to ours) must identify the same person over HTTP and over the WebSocket.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAuth } from '$lib/server/auth/local';
import { SESSION_COOKIE, type AuthProvider } from '$lib/server/auth/types';
import { authenticateSocket } from '$lib/server/collab-access';
import { parseCookieHeader } from '$lib/server/cookies';
import type { Database } from '$lib/server/db/types';
import { credentialsOf } from '$lib/server/http';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { buildUser, FACTORY_PASSWORD } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

const ORIGIN = 'http://mentorpad.test';
let db: Database;
let auth: AuthProvider;
const tokens: string[] = [];

/** The parts of a SvelteKit request event that `credentialsOf` reads. */
function httpEvent(cookie: string): RequestEvent {
	const request = new Request(`${ORIGIN}/programs`, { headers: { cookie } });
	return { request, url: new URL(request.url) } as unknown as RequestEvent;
}

function upgradeRequest(cookie: string): IncomingMessage {
	return {
		url: '/collab/x',
		headers: { host: 'mentorpad.test', origin: ORIGIN, cookie }
	} as unknown as IncomingMessage;
}

async function overHttp(cookie: string) {
	return (await auth.authenticate(credentialsOf(httpEvent(cookie))))?.user.id ?? null;
}

async function overSocket(cookie: string) {
	return (await authenticateSocket(auth)(upgradeRequest(cookie)))?.userId ?? null;
}

beforeAll(async () => {
	db = await createTestDatabase();
	auth = createLocalAuth({
		db,
		mailer: createOutboxMailer(db, createLogger('silent')),
		origin: ORIGIN,
		sessionDays: 1
	});
	for (const user of [await buildUser(db), await buildUser(db)]) {
		const result = await auth.signIn(user.email, FACTORY_PASSWORD, { ip: '::1', userAgent: 't' });
		if (!result.ok) throw new Error('sign-in failed');
		tokens.push(result.cookies[0].value);
	}
});
afterAll(() => db?.close());

describe(`one cookie parser for HTTP and WebSocket (${testEngine()})`, () => {
	it('takes the first of two cookies with the same name', () => {
		expect(parseCookieHeader('mp_session=a; other=1; mp_session=b')).toEqual({
			mp_session: 'a',
			other: '1'
		});
		expect(parseCookieHeader('a=%E2%9C%93; b=%ZZ')).toEqual({ a: '✓', b: '%ZZ' });
		expect(parseCookieHeader(undefined)).toEqual({});
	});

	it.each([
		['two sessions', (a: string, b: string) => `${SESSION_COOKIE}=${a}; ${SESSION_COOKIE}=${b}`],
		['reversed', (a: string, b: string) => `${SESSION_COOKIE}=${b}; ${SESSION_COOKIE}=${a}`],
		['valid, then forged', (a: string) => `${SESSION_COOKIE}=${a}; ${SESSION_COOKIE}=forged`],
		['forged, then valid', (a: string) => `${SESSION_COOKIE}=forged;${SESSION_COOKIE}=${a}`]
	])('%s: HTTP and the socket agree on who it is', async (_case, header) => {
		const cookie = header(tokens[0], tokens[1]);
		const http = await overHttp(cookie);
		expect(await overSocket(cookie)).toBe(http);
	});

	it('both take the first one', async () => {
		const [a, b] = tokens;
		const first = (await auth.authenticate({ cookies: { [SESSION_COOKIE]: a } }))?.user.id;
		expect(first).toBeTruthy();
		const cookie = `${SESSION_COOKIE}=${a}; ${SESSION_COOKIE}=${b}`;
		expect(await overHttp(cookie)).toBe(first);
		expect(await overSocket(cookie)).toBe(first);
		expect(await overHttp(`${SESSION_COOKIE}=forged; ${SESSION_COOKIE}=${a}`)).toBeNull();
	});
});
