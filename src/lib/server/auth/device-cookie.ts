/**
 * The device cookie: proof that this browser signed in to an account before, so that the
 * sign-in throttle lets it through while strangers are slowed down (OWASP's "device cookies"
 * against lock-out). It proves nothing else and grants no access by itself: the password is
 * still checked.
 *
 * Each entry is `<nonce>.<mac>`, the MAC an HMAC-SHA256 of the account id and the nonce keyed
 * with the account's password hash. That key is secret (it never leaves the database), differs per
 * account, is the same on every app instance without any configuration, and changes with the
 * password, so a new password (after a leak, say) makes every device a stranger again. Someone
 * holding the hash could forge entries, but could also guess the password offline: nothing is
 * lost. A browser used by several people keeps one entry per account, the latest few.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieChange } from './types';

export const DEVICE_COOKIE = 'mp_device';
const MAX_ENTRIES = 5;
const LIFETIME_SECONDS = 365 * 86_400;
const ENTRY = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

function mac(key: string, userId: string, nonce: string): string {
	return createHmac('sha256', key)
		.update(`mentorpad-device\n${userId}\n${nonce}`)
		.digest()
		.subarray(0, 16)
		.toString('base64url');
}

function entries(cookie: string | undefined): string[] {
	return (cookie ?? '')
		.split('~')
		.filter((entry) => ENTRY.test(entry))
		.slice(-MAX_ENTRIES);
}

function verifies(entry: string, userId: string, key: string): string | null {
	const [, nonce, given] = ENTRY.exec(entry) ?? [];
	if (!nonce || !given) return null;
	const expected = Buffer.from(mac(key, userId, nonce));
	const actual = Buffer.from(given);
	return expected.length === actual.length && timingSafeEqual(expected, actual) ? nonce : null;
}

/** The device id this cookie proves for the account (keyed with its password hash), else null. */
export function knownDevice(
	cookie: string | undefined,
	userId: string,
	key: string
): string | null {
	for (const entry of entries(cookie)) {
		const nonce = verifies(entry, userId, key);
		if (nonce) return nonce;
	}
	return null;
}

/** The cookie after a successful sign-in: this account's entry renewed, the others kept. */
export function rememberDevice(
	cookie: string | undefined,
	userId: string,
	key: string
): CookieChange {
	const others = entries(cookie).filter((entry) => !verifies(entry, userId, key));
	const nonce = knownDevice(cookie, userId, key) ?? randomBytes(16).toString('base64url');
	const own = `${nonce}.${mac(key, userId, nonce)}`;
	return {
		name: DEVICE_COOKIE,
		value: [...others, own].slice(-MAX_ENTRIES).join('~'),
		maxAge: LIFETIME_SECONDS
	};
}
