import { describe, expect, it } from 'vitest';
import { memoryLimiters } from '$lib/server/auth/rate-limit';
import {
	backoffSeconds,
	createSignInThrottle,
	type SignInAttempt
} from '$lib/server/auth/sign-in-throttle';

let run = 0;
/** A throttle with counters of its own (the in-memory limiters share one process). */
const throttle = (settings: Parameters<typeof createSignInThrottle>[2] = {}) =>
	createSignInThrottle(memoryLimiters, `test-${run++}`, settings);

const stranger = (account = 'a@example.org', address = '203.0.113.1'): SignInAttempt => ({
	account,
	address,
	device: null
});

async function fail(t: ReturnType<typeof throttle>, attempt: SignInAttempt, times: number) {
	for (let i = 0; i < times; i++) await t.failed(attempt);
}

describe('backoffSeconds', () => {
	it('is free for the first failures, then doubles up to the maximum', () => {
		const delays = [1, 2, 3, 4, 5, 6, 7, 12, 13, 40].map((n) => backoffSeconds(n, 3, 900));
		expect(delays).toEqual([0, 0, 0, 2, 4, 8, 16, 512, 900, 900]);
	});
});

describe('the sign-in throttle', () => {
	it('lets the free failures through, then makes the next attempt wait', async () => {
		const t = throttle({ freeFailures: 3 });
		const attempt = stranger();
		await fail(t, attempt, 3);
		expect(await t.wait(attempt)).toBeNull();
		await t.failed(attempt);
		expect(await t.wait(attempt)).toBe(2);
		await t.failed(attempt);
		expect(await t.wait(attempt)).toBe(4);
	});

	it('holds an account only for the address that failed', async () => {
		const t = throttle({ freeFailures: 1 });
		await fail(t, stranger('a@example.org', '203.0.113.1'), 5);
		expect(await t.wait(stranger('a@example.org', '203.0.113.1'))).toBeGreaterThan(0);
		expect(await t.wait(stranger('a@example.org', '198.51.100.9'))).toBeNull();
		expect(await t.wait(stranger('b@example.org', '203.0.113.1'))).toBeNull();
	});

	it('lets a known device through while strangers wait, and counts its own failures apart', async () => {
		const t = throttle({ freeFailures: 1, freeDeviceFailures: 3 });
		const known = { ...stranger(), device: 'nonce-1' };
		await fail(t, stranger(), 6);
		expect(await t.wait(stranger())).toBeGreaterThan(0);
		expect(await t.wait(known)).toBeNull();
		await fail(t, known, 3);
		expect(await t.wait(known)).toBeNull();
		await t.failed(known);
		expect(await t.wait(known)).toBe(2);
		// Another device of the same account is not held by this one.
		expect(await t.wait({ ...known, device: 'nonce-2' })).toBeNull();
	});

	it('stops an address that fails on many accounts, and an account failed from many addresses', async () => {
		const t = throttle({ addressCeiling: 5, accountCeiling: 4 });
		for (let i = 0; i < 5; i++) await t.failed(stranger(`user${i}@example.org`, '203.0.113.7'));
		expect(await t.wait(stranger('new@example.org', '203.0.113.7'))).toBeGreaterThan(0);
		expect(await t.wait(stranger('new@example.org', '203.0.113.8'))).toBeNull();
		// Known devices are not held by either ceiling.
		expect(await t.wait({ ...stranger('new@example.org', '203.0.113.7'), device: 'n' })).toBeNull();

		for (let i = 0; i < 4; i++) await t.failed(stranger('target@example.org', `198.51.100.${i}`));
		expect(await t.wait(stranger('target@example.org', '198.51.100.200'))).toBeGreaterThan(0);
		expect(
			await t.wait({ ...stranger('target@example.org', '198.51.100.200'), device: 'n' })
		).toBeNull();
	});

	it('forgets the failures after a success', async () => {
		const t = throttle({ freeFailures: 2 });
		await fail(t, stranger(), 3);
		expect(await t.wait(stranger())).toBe(2);
		await t.succeeded(stranger());
		expect(await t.wait(stranger())).toBeNull();
		await fail(t, stranger(), 2);
		expect(await t.wait(stranger())).toBeNull();
	});
});
