import { randomBytes } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { hashToken } from './tokens';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 30 s, 6 digits. */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Codes of one step before and after now are accepted (clocks drift, people type slowly). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

/** A new 160-bit TOTP key (RFC 4226 recommends 160 bits). */
export function newTotpKey(): Uint8Array {
	return new Uint8Array(randomBytes(20));
}

/** The key as people type it into an app: base32, in groups of four. */
export function formatTotpKey(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key)
		.replace(/(.{4})/g, '$1 ')
		.trim();
}

export function totpStep(now: Date): bigint {
	return BigInt(Math.floor(now.getTime() / 1000 / TOTP_PERIOD));
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(account: string, key: Uint8Array): string {
	return createTOTPKeyURI('Mentorpad', account, key, TOTP_PERIOD, TOTP_DIGITS);
}

/**
 * The URI as an SVG QR code (rendered on the server; no script in the page). The encoder is loaded
 * when someone turns on two-step sign-in, not at every start of the server.
 */
export async function totpQrSvg(uri: string): Promise<string> {
	const { default: QRCode } = await import('qrcode');
	return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The code for a time (tests and the e2e test compute codes with it). */
export function totpCode(key: Uint8Array, now: Date = new Date()): string {
	return generateHOTP(key, totpStep(now), TOTP_DIGITS);
}

/**
 * The time step a code belongs to, within the window around `now`, or null. Steps at or before
 * `lastStep` are never matched: a code that was accepted once is refused afterwards (replay), and
 * so is any older one. The comparison itself is constant-time (`verifyHOTP`).
 */
export function matchTotp(
	key: Uint8Array,
	code: string,
	now: Date,
	lastStep: bigint
): bigint | null {
	const digits = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(digits)) return null;
	const current = totpStep(now);
	let matched: bigint | null = null;
	// Every step in the window is checked even after a match, so timing says nothing about which.
	for (let offset = -TOTP_WINDOW; offset <= TOTP_WINDOW; offset++) {
		const step = current + BigInt(offset);
		if (verifyHOTP(key, step, TOTP_DIGITS, digits) && step > lastStep && matched === null) {
			matched = step;
		}
	}
	return matched;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten random recovery codes like `k7q2m-x9fhd` (50 bits each). */
export function newRecoveryCodes(): string[] {
	return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const bytes = randomBytes(10);
		const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
		return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
	});
}

/** How a recovery code is stored and looked up: normalised, then hashed. */
export function hashRecoveryCode(code: string): string {
	return hashToken(code.trim().toLowerCase().replace(/[\s-]/g, ''));
}

/** Whether input looks like a recovery code rather than a 6-digit TOTP code. */
export function isRecoveryCode(code: string): boolean {
	return /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code.trim());
}
