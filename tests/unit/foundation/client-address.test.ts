import { describe, expect, it } from 'vitest';
import { clientAddress } from '$lib/server/client-address';
import { parseEnv } from '$lib/server/env';

const socket = () => '10.0.0.5';
const at = (headers: Record<string, string>, settings: Record<string, string>) =>
	clientAddress(new Headers(headers), socket, parseEnv(settings));

describe('clientAddress', () => {
	it('is the socket peer without ADDRESS_HEADER, whatever the client claims', () => {
		expect(at({ 'x-forwarded-for': '1.2.3.4' }, {})).toBe('10.0.0.5');
		const throwing = () => {
			throw new Error('no address');
		};
		expect(clientAddress(new Headers(), throwing, parseEnv({}))).toBe('unknown');
	});

	it('takes the entry our proxies wrote from X-Forwarded-For, never one the client wrote', () => {
		const one = { ADDRESS_HEADER: 'X-Forwarded-For' };
		expect(at({ 'x-forwarded-for': '198.51.100.7' }, one)).toBe('198.51.100.7');
		// The client sent its own X-Forwarded-For: our proxy appended the real address.
		expect(at({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2,198.51.100.7' }, one)).toBe('198.51.100.7');
		const two = { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' };
		expect(at({ 'x-forwarded-for': '1.1.1.1, 198.51.100.7, 10.0.0.2' }, two)).toBe('198.51.100.7');
		expect(at({ 'x-forwarded-for': '2001:db8::1, 10.0.0.2' }, two)).toBe('2001:db8::1');
	});

	it('counts requests that did not come through the proxies as one unknown address', () => {
		const two = { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' };
		expect(at({}, two)).toBe('unknown');
		expect(at({ 'x-forwarded-for': '198.51.100.7' }, two)).toBe('unknown');
		expect(at({ 'x-forwarded-for': '<script>' }, { ADDRESS_HEADER: 'x-forwarded-for' })).toBe(
			'unknown'
		);
	});

	it('reads a single-address header as it is', () => {
		const real = { ADDRESS_HEADER: 'x-real-ip' };
		expect(at({ 'x-real-ip': ' 198.51.100.7 ' }, real)).toBe('198.51.100.7');
		expect(at({ 'x-forwarded-for': '198.51.100.7' }, real)).toBe('unknown');
	});

	it('refuses a bad ADDRESS_HEADER or XFF_DEPTH at start-up', () => {
		expect(() => parseEnv({ ADDRESS_HEADER: 'X Forwarded For' })).toThrow(
			/ADDRESS_HEADER: must be an HTTP header name.*Fix: name the header/
		);
		expect(() => parseEnv({ XFF_DEPTH: '0' })).toThrow(/XFF_DEPTH: must be a whole number/);
	});
});
