import { describe, expect, it } from 'vitest';
import { generateTOTP } from '@oslojs/otp';
import {
	formatTotpKey,
	hashRecoveryCode,
	isRecoveryCode,
	matchTotp,
	newRecoveryCodes,
	newTotpKey,
	totpCode,
	totpQrSvg,
	totpStep,
	totpUri
} from '$lib/server/auth/totp';
import { describeUserAgent } from '$lib/server/auth/user-agent';

// RFC 6238 appendix B: the SHA-1 key "12345678901234567890".
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP (RFC 6238 through @oslojs/otp)', () => {
	it('computes the RFC test vectors (last 6 digits)', () => {
		expect(totpCode(RFC_KEY, at(59))).toBe('287082');
		expect(totpCode(RFC_KEY, at(1111111109))).toBe('081804');
		expect(totpCode(RFC_KEY, at(1234567890))).toBe('005924');
		expect(totpCode(RFC_KEY, at(2000000000))).toBe('279037');
	});

	it('agrees with the library’s own generator for now', () => {
		const key = newTotpKey();
		expect(totpCode(key)).toBe(generateTOTP(key, 30, 6));
	});

	it('accepts a code one step early or late, not two', () => {
		const key = newTotpKey();
		const now = at(1_800_000_000);
		const step = totpStep(now);
		const code = (offset: number) => totpCode(key, at(1_800_000_000 + offset * 30));
		expect(matchTotp(key, code(0), now, 0n)).toBe(step);
		expect(matchTotp(key, code(-1), now, 0n)).toBe(step - 1n);
		expect(matchTotp(key, code(1), now, 0n)).toBe(step + 1n);
		expect(matchTotp(key, code(-2), now, 0n)).toBeNull();
		expect(matchTotp(key, code(2), now, 0n)).toBeNull();
	});

	it('refuses a code whose step was used before (replay), and older ones', () => {
		const key = newTotpKey();
		const now = at(1_800_000_000);
		const code = totpCode(key, now);
		const step = matchTotp(key, code, now, 0n);
		expect(step).not.toBeNull();
		expect(matchTotp(key, code, now, step!)).toBeNull();
		// Still inside its window 20 s later: still refused.
		expect(matchTotp(key, code, at(1_800_000_020), step!)).toBeNull();
		expect(matchTotp(key, totpCode(key, at(1_800_000_000 - 30)), now, step!)).toBeNull();
		// The next step's code is fine.
		expect(matchTotp(key, totpCode(key, at(1_800_000_030)), at(1_800_000_030), step!)).toBe(
			step! + 1n
		);
	});

	it('refuses malformed and wrong codes, and tolerates spaces', () => {
		const key = newTotpKey();
		const now = new Date();
		const code = totpCode(key, now);
		expect(matchTotp(key, `${code.slice(0, 3)} ${code.slice(3)}`, now, 0n)).not.toBeNull();
		for (const bad of ['', '12345', '1234567', 'abcdef', '12345a']) {
			expect(matchTotp(key, bad, now, 0n)).toBeNull();
		}
		const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
		expect(matchTotp(key, wrong, now, 0n)).toBeNull();
	});

	it('makes a 160-bit key, an otpauth URI and an SVG QR code', async () => {
		const key = newTotpKey();
		expect(key).toHaveLength(20);
		expect(formatTotpKey(key).replace(/ /g, '')).toMatch(/^[A-Z2-7]{32}$/);
		const uri = totpUri('ann@example.org', key);
		expect(uri).toMatch(/^otpauth:\/\/totp\/Mentorpad:ann%40example\.org\?/);
		expect(uri).toContain('period=30');
		const svg = await totpQrSvg(uri);
		expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
	});
});

describe('recovery codes', () => {
	it('are ten distinct codes, normalised before hashing', () => {
		const codes = newRecoveryCodes();
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) {
			expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
			expect(isRecoveryCode(code)).toBe(true);
			expect(hashRecoveryCode(code.toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(code));
		}
		expect(isRecoveryCode('123456')).toBe(false);
	});
});

describe('device labels from user agents', () => {
	it('names common browsers and systems', () => {
		expect(
			describeUserAgent(
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0'
			)
		).toEqual({ browser: 'Edge', os: 'Windows', mobile: false });
		expect(
			describeUserAgent(
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
			)
		).toEqual({ browser: 'Safari', os: 'iOS', mobile: true });
		expect(
			describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')
		).toEqual({ browser: 'Firefox', os: 'Linux', mobile: false });
		expect(describeUserAgent('vitest')).toEqual({ browser: null, os: null, mobile: false });
	});
});
