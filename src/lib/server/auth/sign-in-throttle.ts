/**
 * How sign-in attempts are slowed down, so that guessing a password stays slow while the person
 * who owns the account (or shares an address with the guesser) still gets in.
 *
 * - Per account + address: a few failures are free, then each failure makes the next attempt wait
 *   twice as long (2 s, 4 s, 8 s … up to 15 minutes), answered as "try again in N seconds"
 *   without checking the password. A success clears it. This is the limit a guesser meets, and a
 *   typo-prone person behind the same address only waits seconds.
 * - A known device (one that signed in to this account before, proven by its device cookie, see
 *   device-cookie.ts) is not held by the limits of unknown devices: someone guessing from the same
 *   school network, or from everywhere at once, cannot lock the owner out of their own laptop.
 *   Its own failures are counted per device, with more free ones, so a stolen device cookie does
 *   not buy unlimited guesses either.
 * - Ceilings for unknown devices: failures from one address over all accounts (credential
 *   stuffing from one machine; high, because a school's NAT or a proxy puts hundreds of people
 *   behind one address) and failures on one account over all addresses (a guesser with many
 *   addresses).
 *
 * Counts live in the `Limiters` (memory, or Redis shared by every app instance).
 */
import type { Limiters } from './rate-limit';

export interface ThrottleSettings {
	/** Failures per account + address before the delays start. */
	freeFailures: number;
	/** Failures per known device before its delays start. */
	freeDeviceFailures: number;
	/** The longest delay, in seconds. */
	maxDelaySeconds: number;
	/** How long failures are remembered without a success, in seconds. */
	memorySeconds: number;
	/** Failures of unknown devices from one address, over all accounts, per 15 minutes. */
	addressCeiling: number;
	/** Failures of unknown devices on one account, over all addresses, per hour. */
	accountCeiling: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
	freeFailures: 3,
	freeDeviceFailures: 10,
	maxDelaySeconds: 15 * 60,
	memorySeconds: 24 * 60 * 60,
	addressCeiling: 300,
	accountCeiling: 100
};

export interface SignInAttempt {
	/** The account as typed (lower-cased e-mail address). */
	account: string;
	/** The client address (see `clientAddress`). */
	address: string;
	/** A device proven to have signed in to this account before, else null. */
	device: string | null;
}

export interface SignInThrottle {
	/** Seconds this attempt must wait before its password is even checked, else null. */
	wait(attempt: SignInAttempt): Promise<number | null>;
	failed(attempt: SignInAttempt): Promise<void>;
	succeeded(attempt: SignInAttempt): Promise<void>;
}

/** The delay after the `failures`-th failure in a row, in seconds (0: none yet). */
export function backoffSeconds(failures: number, free: number, max: number): number {
	if (failures <= free) return 0;
	return Math.min(max, 2 ** Math.min(failures - free, 30));
}

export function createSignInThrottle(
	limiters: Limiters,
	name: string,
	overrides: Partial<ThrottleSettings> = {}
): SignInThrottle {
	const settings = { ...DEFAULT_THROTTLE, ...overrides };
	// `count` never refuses: the failure counters only count, the delays are blocks of their own.
	const failures = limiters.create(`${name}:failures`, 1_000_000, settings.memorySeconds);
	const delays = limiters.create(`${name}:delay`, 1, settings.maxDelaySeconds);
	const perAddress = limiters.create(`${name}:address`, settings.addressCeiling, 15 * 60);
	const perAccount = limiters.create(`${name}:account`, settings.accountCeiling, 60 * 60);

	// Parts joined by a space, which neither an e-mail address (unquoted) nor an address holds.
	const keyOf = (attempt: SignInAttempt) =>
		attempt.device
			? `device ${attempt.account} ${attempt.device}`
			: `pair ${attempt.account} ${attempt.address}`;

	return {
		async wait(attempt) {
			const own = await delays.check(keyOf(attempt));
			if (own || attempt.device) return own;
			return (await perAddress.check(attempt.address)) ?? (await perAccount.check(attempt.account));
		},

		async failed(attempt) {
			const key = keyOf(attempt);
			const free = attempt.device ? settings.freeDeviceFailures : settings.freeFailures;
			const delay = backoffSeconds(await failures.count(key), free, settings.maxDelaySeconds);
			if (delay > 0) await delays.block(key, delay);
			if (!attempt.device) {
				await perAddress.hit(attempt.address);
				await perAccount.hit(attempt.account);
			}
		},

		async succeeded(attempt) {
			const key = keyOf(attempt);
			await failures.reset(key);
			await delays.reset(key);
		}
	};
}
