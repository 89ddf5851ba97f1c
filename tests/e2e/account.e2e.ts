import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, test, type Browser, type Page } from './fixtures';
import { DEMO_PASSWORD } from './helpers';
import { freePort, ServerProcess, copyDemoData } from './server-process';
import { axeViolations } from './axe';

/**
 * Account security with one person on two devices: the second device is signed out from the
 * first; then two-step sign-in is turned on with a code computed here from the key the page
 * shows, and a new sign-in needs a code. Runs on a server of its own (it changes how the demo
 * mentor signs in). Set UI_SHOTS=/some/dir for screenshots.
 */

const EMAIL = 'mentor3@example.org';
let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-account-'));
	copyDemoData(dataDir);
	server = new ServerProcess({
		port: await freePort(),
		dataDir,
		env: { JOBS_INTERVAL_MS: '0' }
	});
	await server.start();
});
test.afterAll(async () => {
	await server?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

async function device(browser: Browser, userAgent: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.origin, userAgent });
	return context.newPage();
}

async function signInWithPassword(page: Page) {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(EMAIL);
	await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/** The TOTP code `steps` periods from now (RFC 6238, 30 s, 6 digits). */
function totp(secret: string, steps = 0): string {
	const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''));
	return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + steps), 6);
}

async function check(page: Page, name: string) {
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
		const violations = await axeViolations(page);
		const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(
			serious.map((v) => v.id),
			`${name} at ${width}`
		).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			width
		);
		if (process.env.UI_SHOTS) {
			await page.screenshot({
				path: `${process.env.UI_SHOTS}/${name}-${width}.png`,
				fullPage: true
			});
		}
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('revoke another device, turn on two-step sign-in, sign in with a code', async ({
	browser
}) => {
	// Three sign-ins and four pages checked with axe at two widths: more than a minute on a busy
	// machine.
	test.slow();
	const laptop = await device(
		browser,
		'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36'
	);
	const phone = await device(
		browser,
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1'
	);
	await signInWithPassword(phone);
	await expect(phone).toHaveURL((url) => url.pathname === '/');
	await signInWithPassword(laptop);
	await expect(laptop).toHaveURL((url) => url.pathname === '/');

	await laptop.goto('/account');
	await check(laptop, 'account');
	await laptop.getByRole('link', { name: 'Beveiliging beheren' }).click();
	const devices = laptop.getByTestId('device');
	await expect(devices).toHaveCount(2);
	await expect(devices.filter({ hasText: 'Dit toestel' })).toContainText('Chrome op Linux');
	await check(laptop, 'account-security');

	// Sign the phone out from the laptop: the phone's cookie no longer works.
	await laptop.getByRole('button', { name: /^Afmelden\s*: Safari op iOS$/ }).click();
	await expect(devices).toHaveCount(1);
	await phone.goto('/account');
	await expect(phone).toHaveURL((url) => url.pathname === '/login');

	// Turn on two-step sign-in with the code computed from the key on screen.
	await laptop.getByRole('button', { name: 'Instellen' }).click();
	const secret = (await laptop.getByTestId('totp-secret').textContent()) ?? '';
	expect(secret.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
	await check(laptop, 'account-security-enrol');
	await laptop.getByLabel(/Typ de code van 6 cijfers/).fill(totp(secret));
	await laptop.getByRole('button', { name: 'Aanzetten' }).click();
	await expect(laptop.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
	await expect(laptop.getByText('Twee stappen: aan')).toBeVisible();

	// A new sign-in on the phone: the password alone is not enough, the next code is.
	await signInWithPassword(phone);
	await expect(phone).toHaveURL((url) => url.pathname === '/login/code');
	await check(phone, 'login-code');
	await phone.getByLabel('Code').fill('000000');
	await phone.getByRole('button', { name: 'Aanmelden' }).click();
	await expect(phone.getByRole('alert')).toContainText('Die code klopt niet');
	// The code used to turn it on is spent: the next period's code (inside the window) works.
	await phone.getByLabel('Code').fill(totp(secret, 1));
	await phone.getByRole('button', { name: 'Aanmelden' }).click();
	await expect(phone).toHaveURL((url) => url.pathname === '/');
});
