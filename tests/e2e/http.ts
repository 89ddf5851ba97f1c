import { expect } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

/**
 * Node-side helpers for end-to-end tests that talk HTTP to a server (no browser): sign in
 * through the login form action and read a page's server data.
 */

/** Where the server answers: a `ServerProcess`, or `{ origin }` for any other. */
export interface Server {
	readonly origin: string;
}

/** Signs in through the login form action; returns the `mp_session=…` cookie pair. */
export async function signInOverHttp(
	server: Server,
	email: string,
	password = DEMO_PASSWORD
): Promise<string> {
	const response = await fetch(`${server.origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password }).toString()
	});
	await response.arrayBuffer();
	expect(response.status, `sign-in of ${email}`).toBe(303);
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('mp_session='));
	expect(cookie, `session cookie for ${email}`).toBeTruthy();
	return cookie!;
}

/** Rebuilds a value from SvelteKit's `__data.json` (devalue's flattened form). */
function unflatten(values: unknown[]): unknown {
	const hydrate = (index: number): unknown => {
		if (index < 0) return undefined;
		const value = values[index];
		if (value === null || typeof value !== 'object') return value;
		if (Array.isArray(value)) {
			// ["Date", "…"], ["Set", …] and the like: only plain data is needed here.
			if (typeof value[0] === 'string') return value[1];
			return value.map((item) => hydrate(item as number));
		}
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, hydrate(item as number)])
		);
	};
	return hydrate(0);
}

/** A page's server load data (all layout nodes merged), or null if it does not answer 200. */
export async function pageData(
	server: Server,
	cookie: string,
	path: string
): Promise<Record<string, unknown> | null> {
	const response = await fetch(`${server.origin}${path}/__data.json`, {
		headers: { cookie },
		redirect: 'manual'
	});
	if (response.status !== 200) {
		await response.arrayBuffer();
		return null;
	}
	const body = (await response.json()) as {
		type: string;
		nodes?: ({ type: string; data?: unknown[] } | null)[];
	};
	if (body.type !== 'data') return null;
	const merged: Record<string, unknown> = {};
	for (const node of body.nodes ?? []) {
		if (node?.type === 'data' && node.data) Object.assign(merged, unflatten(node.data));
	}
	return merged;
}
