import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from './fixtures';
import { DEMO_PASSWORD, signIn, waitForHydrationOnGoto } from './helpers';
import { freePort, ServerProcess, copyDemoData } from './server-process';
import { seriousViolations } from './axe';

/**
 * The notification centre with two people: the mentor plans a meeting, the mentee's bell counts
 * it and opening the bell marks it read. Runs on a server of its own with the background jobs
 * off, so no reminder of the demo data adds to the count. Set UI_SHOTS=/some/dir for screenshots.
 */

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-notif-'));
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

/** Signed in on the notification server; its pages wait for hydration after goto and reload. */
async function person(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

/**
 * The programme's first day in a meeting's date field, or the day after when the schedule already
 * proposed that day: saving the proposed date changes nothing, and nothing is announced.
 */
async function fillOtherDate(date: Locator) {
	const first = (await date.getAttribute('min'))!;
	const next = new Date(`${first}T12:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	await date.fill((await date.inputValue()) === first ? next.toISOString().slice(0, 10) : first);
}

async function shoot(page: Page, name: string) {
	if (process.env.UI_SHOTS)
		await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}.png`, fullPage: true });
}

/** No serious axe finding, no sideways scroll at 360 px; screenshots at both widths. */
async function checkPage(page: Page, name: string) {
	await page.setViewportSize({ width: 1280, height: 900 });
	expect(await seriousViolations(page), name).toEqual([]);
	await shoot(page, `${name}-1280`);
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(
		360
	);
	expect(await seriousViolations(page), `${name} at 360 px`).toEqual([]);
	await shoot(page, `${name}-360`);
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('the mentor plans a meeting: the mentee’s bell shows 1, opening it marks it read', async ({
	browser
}) => {
	const mentee = await person(browser, 'mentee2@example.org');
	const bell = mentee.getByRole('button', { name: /^Meldingen/ });
	await expect(bell).toHaveAccessibleName('Meldingen, geen ongelezen');

	const mentor = await person(browser, 'mentor1@example.org');
	await mentor.goto('/pairs');
	const href = await mentor
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link', { name: /Gert Willems/ })
		.getAttribute('href');
	const pair = new URL(href ?? '', mentor.url()).pathname;
	await mentor.goto(`${pair}/meetings/2`);
	await fillOtherDate(mentor.getByLabel(/^Datum/));
	await mentor.getByRole('button', { name: 'Opslaan' }).click();
	await expect(mentor).toHaveURL(new RegExp(`${pair}\\?meeting=saved`));
	// The actor is never told of their own action.
	await expect(mentor.getByRole('button', { name: /^Meldingen/ })).toHaveAccessibleName(
		'Meldingen, geen ongelezen'
	);

	await mentee.reload();
	await expect(bell).toHaveAccessibleName('Meldingen, 1 ongelezen');
	await expect(mentee.locator('.bell .count')).toHaveText('1');
	// The home page's card lists it too.
	await expect(
		mentee.getByRole('region', { name: 'Meldingen' }).getByRole('link', {
			name: /Carla Peeters plande bijeenkomst 2/
		})
	).toBeVisible();
	await checkPage(mentee, 'home-with-notification');

	await bell.click();
	const popover = mentee.locator('.popover-ui');
	await expect(
		popover.getByRole('link', { name: /Carla Peeters plande bijeenkomst 2/ })
	).toBeVisible();
	await expect(bell).toHaveAccessibleName('Meldingen, geen ongelezen');
	await expect(mentee.locator('.bell .count')).toHaveCount(0);
	await shoot(mentee, 'bell-open-1280');
	await mentee.setViewportSize({ width: 360, height: 740 });
	await shoot(mentee, 'bell-open-360');
	await mentee.setViewportSize({ width: 1280, height: 900 });
	await mentee.keyboard.press('Escape');

	await mentee.reload();
	await expect(bell).toHaveAccessibleName('Meldingen, geen ongelezen');

	await mentee.goto('/notifications');
	await expect(
		mentee.getByRole('link', { name: /Carla Peeters plande bijeenkomst 2/ })
	).toBeVisible();
	await checkPage(mentee, 'notifications-page');

	await mentee.goto('/account');
	await mentee.getByRole('combobox', { name: 'Berichten' }).selectOption('immediate');
	await mentee.getByLabel('Uur van het dagelijks overzicht').selectOption('8');
	await mentee.locator('#email').getByRole('button', { name: 'Opslaan' }).click();
	await expect(
		mentee.getByRole('status').filter({ hasText: 'Je e-mailvoorkeuren zijn opgeslagen.' })
	).toBeVisible();
	await mentee.reload();
	await expect(mentee.getByRole('combobox', { name: 'Berichten' })).toHaveValue('immediate');
	await expect(mentee.getByLabel('Uur van het dagelijks overzicht')).toHaveValue('8');
	await checkPage(mentee, 'account-preferences');

	const coordinator = await person(browser, 'coordinator@example.org');
	await coordinator.goto('/programs');
	await coordinator.getByRole('link', { name: 'VM-PRO jongerenmentoring' }).first().click();
	await expect(coordinator.getByText('Herinneringen en e-mails')).toBeVisible();
	await checkPage(coordinator, 'program-status-panel');
});

test('a tampered unsubscribe link is refused with 400, also the one-click POST without Origin', async ({
	browser,
	request
}) => {
	const tampered = `u=00000000-0000-4000-8000-000000000000&c=messages&s=${'A'.repeat(43)}`;
	const page = await (await browser.newContext({ baseURL: server.origin })).newPage();
	const response = await page.goto(`/unsubscribe?${tampered}`);
	expect(response?.status()).toBe(400);
	// Reaching the endpoint at all (400, not SvelteKit's 403 for a cross-site form) shows that a
	// mail provider's one-click POST, which has no Origin header, gets through to the signature check.
	const oneClick = await request.post(`${server.origin}/unsubscribe/one-click?${tampered}`, {
		form: { 'List-Unsubscribe': 'One-Click' }
	});
	expect(oneClick.status()).toBe(400);
	const unknownCategory = await request.post(
		`${server.origin}/unsubscribe/one-click?${tampered.replace('messages', 'everything')}`,
		{ form: { 'List-Unsubscribe': 'One-Click' } }
	);
	expect(unknownCategory.status()).toBe(400);
});

test('the unsubscribe link of a real mail: the page, then one click without signing in', async ({
	browser,
	request
}) => {
	test.setTimeout(180_000);
	// A server of its own that runs the jobs and logs each kept mail (the embedded mode does):
	// the unsubscribe link is read from the mail as the recipient would.
	const dir = mkdtempSync(join(tmpdir(), 'mentorpad-unsub-'));
	copyDemoData(dir);
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dir,
			DEMO_DATA: 'true',
			LOG_LEVEL: 'info',
			JOBS_INTERVAL_MS: '200'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	try {
		await expect
			.poll(
				() =>
					fetch(`${origin}/healthz`).then(
						(r) => r.status,
						() => 0
					),
				{ timeout: 60_000 }
			)
			.toBe(200);
		const mentor = await (await browser.newContext({ baseURL: origin })).newPage();
		// Filled before hydration, the date would be reset to the proposal by it.
		waitForHydrationOnGoto(mentor);
		await mentor.goto('/login');
		await mentor.getByLabel('E-mailadres').fill('mentor1@example.org');
		await mentor.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
		await mentor.getByRole('button', { name: 'Aanmelden' }).click();
		await expect(mentor).toHaveURL((url) => url.pathname === '/');
		await mentor.goto('/pairs');
		const href = await mentor
			.getByRole('listitem')
			.filter({ hasText: 'VM-PRO jongerenmentoring' })
			.getByRole('link', { name: /Gert Willems/ })
			.getAttribute('href');
		const pair = new URL(href ?? '', mentor.url()).pathname;
		await mentor.goto(`${pair}/meetings/2`);
		await fillOtherDate(mentor.getByLabel(/^Datum/));
		await mentor.getByRole('button', { name: 'Opslaan' }).click();
		await expect(mentor).toHaveURL(new RegExp(`${pair}\\?meeting=saved`));

		// Meetings reach people at once by default: the mail to Gert, with its link.
		const linkPattern = /\/unsubscribe\?u=[0-9a-f-]{36}&c=meetings&s=[A-Za-z0-9_-]+/;
		await expect
			.poll(
				() =>
					output
						.split('\n')
						.some((line) => line.includes('mentee2@example.org') && linkPattern.test(line)),
				{ timeout: 60_000 }
			)
			.toBe(true);
		const line = output
			.split('\n')
			.find((l) => l.includes('mentee2@example.org') && linkPattern.test(l))!;
		expect(line).toContain('Carla Peeters plande bijeenkomst 2');
		const link = linkPattern.exec(line)![0];

		// Without signing in: the page asks, with a button.
		const stranger = await (await browser.newContext({ baseURL: origin })).newPage();
		await stranger.goto(link);
		await expect(
			stranger.getByText('Wil je geen e-mails meer krijgen over: Bijeenkomsten?')
		).toBeVisible();
		await checkPage(stranger, 'unsubscribe-page');
		await stranger.getByRole('button', { name: 'Afmelden' }).click();
		await expect(
			stranger.getByRole('status').filter({ hasText: 'Je krijgt geen e-mails meer over' })
		).toContainText('Je krijgt geen e-mails meer over: Bijeenkomsten.');
		await shoot(stranger, 'unsubscribe-done-1280');

		// The mail provider's one-click POST (RFC 8058): no Origin, no cookie.
		const oneClick = await request.post(
			`${origin}${link.replace('/unsubscribe?', '/unsubscribe/one-click?')}`,
			{ form: { 'List-Unsubscribe': 'One-Click' } }
		);
		expect(oneClick.status()).toBe(204);

		// Only meetings changed for Gert.
		const mentee = await (await browser.newContext({ baseURL: origin })).newPage();
		await mentee.goto('/login');
		await mentee.getByLabel('E-mailadres').fill('mentee2@example.org');
		await mentee.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
		await mentee.getByRole('button', { name: 'Aanmelden' }).click();
		await expect(mentee).toHaveURL((url) => url.pathname === '/');
		await mentee.goto('/account');
		await expect(mentee.getByLabel('Bijeenkomsten')).toHaveValue('off');
		await expect(mentee.getByLabel('Herinneringen')).toHaveValue('immediate');
		await expect(mentee.getByRole('combobox', { name: 'Berichten' })).toHaveValue('daily');
	} finally {
		child.kill('SIGTERM');
		await new Promise((resolve) => child.once('exit', resolve));
		rmSync(dir, { recursive: true, force: true });
	}
});
