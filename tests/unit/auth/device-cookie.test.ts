import { describe, expect, it } from 'vitest';
import { DEVICE_COOKIE, knownDevice, rememberDevice } from '$lib/server/auth/device-cookie';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo';
const OTHER_HASH = HASH.replace('aGFza', 'bGFza');

describe('the device cookie', () => {
	it('proves a device for the account it was issued to, for a year', () => {
		const cookie = rememberDevice(undefined, 'user-1', HASH);
		expect(cookie).toMatchObject({ name: DEVICE_COOKIE, maxAge: 365 * 86_400 });
		expect(cookie.value).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
		const device = knownDevice(cookie.value, 'user-1', HASH);
		expect(device).toBe(cookie.value.split('.')[0]);
		// Renewing keeps the same device id.
		expect(rememberDevice(cookie.value, 'user-1', HASH).value).toBe(cookie.value);
	});

	it('proves nothing for another account, after a new password, or when tampered with', () => {
		const { value } = rememberDevice(undefined, 'user-1', HASH);
		expect(knownDevice(value, 'user-2', HASH)).toBeNull();
		expect(knownDevice(value, 'user-1', OTHER_HASH)).toBeNull();
		const [nonce, mac] = value.split('.');
		const flipped = `${nonce}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
		expect(knownDevice(flipped, 'user-1', HASH)).toBeNull();
		expect(knownDevice(`${'A'.repeat(22)}.${mac}`, 'user-1', HASH)).toBeNull();
		for (const junk of [undefined, '', 'x', '~~', `${value}x`, value.replace('.', '')]) {
			expect(knownDevice(junk, 'user-1', HASH)).toBeNull();
		}
	});

	it('keeps one entry per account, the latest five', () => {
		let value: string | undefined;
		for (let i = 1; i <= 7; i++) value = rememberDevice(value, `user-${i}`, HASH).value;
		expect(value!.split('~')).toHaveLength(5);
		expect(knownDevice(value, 'user-1', HASH)).toBeNull();
		expect(knownDevice(value, 'user-2', HASH)).toBeNull();
		for (let i = 3; i <= 7; i++) expect(knownDevice(value, `user-${i}`, HASH)).not.toBeNull();
		// Signing in again as user-3 renews its entry without duplicating it.
		const again = rememberDevice(value, 'user-3', HASH).value;
		expect(again.split('~')).toHaveLength(5);
		expect(again.split('~').at(-1)).toBe(
			value!.split('~').find((entry) => knownDevice(entry, 'user-3', HASH))
		);
	});
});
