import { expect, test, type Browser, type Page } from './fixtures';
import { signIn, visit } from './helpers';
import { axeViolations } from './axe';

/**
 * The intake per school (issue #12): the coordinator records the intake conversation of De
 * Regenboog (the demo school without one), its school leader signs the engagement statement
 * behind a confirmation, and the coordinator sees it signed after a reload. Each page is checked
 * with axe and at 360 px, with screenshots, when UI_SHOTS names a folder.
 */

const PROGRAM = 'Lerende gemeenschap schoolleiders';
const SCHOOL = 'De Regenboog';
const SAM = 'lgsl8@example.org'; // school leader of De Regenboog

async function person(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

/**
 * Axe (0 serious/critical), no sideways scroll at 360 px and screenshots: only with UI_SHOTS, so
 * the suite's run stays short (every-page.e2e.ts sweeps these pages with axe at 360 px anyway).
 */
async function check(page: Page, name: string) {
	if (!process.env.UI_SHOTS) return;
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 900 });
		const violations = await axeViolations(page);
		const serious = violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`);
		expect(serious, `${name} at ${width}`).toEqual([]);
		if (width === 360) {
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				360
			);
		}
		await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('the coordinator records an intake, the school leader signs, the coordinator sees it', async ({
	browser
}) => {
	if (process.env.UI_SHOTS) test.setTimeout(180_000);
	const coordinator = await person(browser, 'coordinator@example.org');
	await coordinator.getByRole('link', { name: PROGRAM }).first().click();
	await coordinator.getByRole('link', { name: 'Groepen' }).click();
	const school = coordinator.getByTestId('school').filter({ hasText: SCHOOL });
	await expect(school.getByTestId('school-intake')).toContainText('Geen intake');
	await check(coordinator, 'groups-schools');
	await school.getByRole('link', { name: new RegExp(`^Intakegesprek ?: ${SCHOOL}$`) }).click();
	await expect(coordinator.getByRole('heading', { name: `Intake: ${SCHOOL}` })).toBeVisible();
	await expect(coordinator.getByText('Nog geen verklaring')).toBeVisible();

	// Bad input: a date that does not exist is a 400 with a translated message, nothing written.
	const bad = await coordinator.request.post(`${coordinator.url()}?/save`, {
		form: { conversationOn: '2026-02-30', expectations: 'x' },
		headers: { origin: new URL(coordinator.url()).origin, accept: 'text/html' }
	});
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('Vul een geldige datum in.');
	await coordinator.reload();
	await expect(coordinator.getByText('Nog geen verklaring')).toBeVisible();
	await check(coordinator, 'school-intake-empty');

	await coordinator.getByLabel('Datum van het gesprek').fill('2026-06-17');
	await coordinator
		.getByLabel('Verwachtingen van de school')
		.fill('Samen leren over leerachterstanden.');
	await coordinator
		.getByLabel('Haalbaarheid: kan het traject aan deze verwachtingen voldoen?')
		.fill('Haalbaar.');
	await coordinator.getByLabel('Betrokkenheid en bijkomende afspraken').fill('Twee deelnemers.');
	await coordinator.getByRole('button', { name: 'Intake opslaan' }).click();
	await expect(
		coordinator.getByRole('status').filter({ hasText: 'Intake opgeslagen' })
	).toBeVisible();
	await expect(coordinator.getByTestId('statement')).toContainText(
		'Bijkomende afspraken uit het intakegesprek: Twee deelnemers.'
	);
	await check(coordinator, 'school-intake');

	const sam = await person(browser, SAM);
	await visit(sam, coordinator.url().replace(/\/groups\/schools\/.*$/, '/school'));
	await expect(sam.getByRole('heading', { name: SCHOOL })).toBeVisible();
	await expect(sam.getByTestId('statement')).toContainText(
		'reflecties te noteren en bij te houden'
	);
	await check(sam, 'my-school');
	// It is a commitment: the page asks first (once hydrated the trigger opens the question).
	const sign = sam.getByRole('button', { name: 'Ondertekenen' });
	await expect(sign).toHaveAttribute('aria-expanded', 'false');
	await sign.click();
	const dialog = sam.getByRole('alertdialog');
	await expect(dialog).toContainText('De engagementsverklaring ondertekenen?');
	await dialog.getByRole('button', { name: 'Ondertekenen' }).click();
	await expect(sam.getByTestId('you-signed')).toBeVisible();
	await sam.reload();
	await expect(sam.getByTestId('signature')).toContainText('Sam Hermans, coördinerend directeur');
	await check(sam, 'my-school-signed');

	if (process.env.UI_SHOTS) {
		// Someone in the programme without a school (the process coach) is told what comes next.
		const coach = await person(browser, 'procescoach@example.org');
		await visit(coach, sam.url());
		await expect(coach.getByText('Je neemt nog niet deel voor een school')).toBeVisible();
		await check(coach, 'my-school-none');
	}

	await coordinator.reload();
	await expect(coordinator.getByText('Ondertekend', { exact: true })).toBeVisible();
	await expect(coordinator.getByTestId('signature')).toContainText('Geldt voor deze tekst');
	await check(coordinator, 'school-intake-signed');
	await coordinator.getByRole('link', { name: 'Terug naar de groepen' }).click();
	await expect(
		coordinator.getByTestId('school').filter({ hasText: SCHOOL }).getByTestId('school-intake')
	).toContainText('Ondertekend');
});
