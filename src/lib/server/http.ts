import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/policy/types';
import { getLocale } from '$lib/paraglide/runtime';
import { DEVICE_COOKIE } from './auth/device-cookie';
import type { CookieChange, RequestCredentials, Session, SignInMeta } from './auth/types';
import { clientAddress } from './client-address';
import type { CommandContext } from './context';
import { parseCookieHeader } from './cookies';
import { DomainError } from './errors';
import { loadActor } from './programs/queries';

/** The credentials of a SvelteKit request, for the auth adapter. */
export function credentialsOf(
	event: RequestEvent,
	setCookies?: (changes: CookieChange[]) => void
): RequestCredentials {
	return {
		// The same parser as the WebSocket upgrade (not `event.cookies`), so both agree on a
		// cookie sent twice.
		cookies: parseCookieHeader(event.request.headers.get('cookie')),
		authorization: event.request.headers.get('authorization'),
		setCookies
	};
}

/** Session cookies: HttpOnly, SameSite=Lax, Secure whenever the site is served over https. */
export function applyCookies(event: RequestEvent, changes: CookieChange[]): void {
	for (const change of changes) {
		event.cookies.set(change.name, change.value, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: change.maxAge
		});
	}
}

/** The signed-in session, or a redirect to sign in that comes back here afterwards. */
export function requireSession(event: RequestEvent): Session {
	const session = event.locals.session;
	if (!session) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	return session;
}

export async function requireActor(
	event: RequestEvent
): Promise<{ session: Session; actor: Actor }> {
	const session = requireSession(event);
	const actor = await loadActor(event.locals.runtime.db, session.claims);
	return { session, actor };
}

/**
 * The context a route passes to a command (context.ts): the runtime's database, mailer, origin,
 * collaboration server and jobs, the session's claims and the request's locale.
 */
export function commandContext(event: RequestEvent, session: Session): Required<CommandContext> {
	const { db, mailer, config, collab, jobs } = event.locals.runtime;
	return {
		db,
		claims: session.claims,
		mailer,
		origin: config.origin,
		collab,
		locale: getLocale() === 'en' ? 'en' : 'nl',
		jobs
	};
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * The posted form of a form action or endpoint. A body that is not a form is answered 415
 * ('unsupported_body') and one that cannot be read as the form it claims to be 400
 * ('bad_request'), instead of the 500 `request.formData()` would cause.
 */
export async function readForm(request: Request): Promise<FormData> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.has(type)) error(415, 'unsupported_body');
	try {
		return await request.formData();
	} catch {
		error(400, 'bad_request');
	}
}

/** The client address (ADDRESS_HEADER behind a proxy, see client-address.ts). */
export function clientIp(event: RequestEvent): string {
	return clientAddress(
		event.request.headers,
		() => event.getClientAddress(),
		event.locals.runtime.config
	);
}

/** What the auth adapter needs to know about where a sign-in attempt comes from. */
export function signInMeta(event: RequestEvent): SignInMeta {
	return {
		ip: clientIp(event),
		userAgent: event.request.headers.get('user-agent') ?? '',
		deviceCookie: parseCookieHeader(event.request.headers.get('cookie'))[DEVICE_COOKIE]
	};
}

/**
 * The form failure for a refusal the UI can show (a DomainError: its status, its key as `error`,
 * or shaped by `shape`); anything else is rethrown and becomes a 500. For an action's `catch`:
 * `catch (e) { return domainFailure(e); }`.
 */
export function domainFailure(e: unknown): ActionFailure<{ error: string }>;
export function domainFailure<T extends Record<string, unknown>>(
	e: unknown,
	shape: (key: string) => T
): ActionFailure<T>;
export function domainFailure(
	e: unknown,
	shape: (key: string) => Record<string, unknown> = (key) => ({ error: key })
): ActionFailure<Record<string, unknown>> {
	if (e instanceof DomainError) return fail(e.status, shape(e.key));
	throw e;
}
