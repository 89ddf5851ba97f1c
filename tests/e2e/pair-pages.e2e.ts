import { expect, test, type Browser, type Page } from './fixtures';
import { followLink, signIn, visit } from './helpers';
import { LANGUAGE_RULES, seriousViolations } from './axe';

/**
 * The pair's own pages: a meeting, the logbook, the exit request and the worksheets. Uses
 * mentor1's second youth pair (with Gert Willems), which no other test plans meetings for.
 * Set UI_SHOTS=/some/dir to also save screenshots at 1280 and 360 px.
 */

async function person(browser: Browser, email: string, locale: 'nl' | 'en' = 'nl') {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: page.url() }]);
	return page;
}

async function youthPair(page: Page, partner: string): Promise<string> {
	await visit(page, '/pairs');
	const href = await page
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link', { name: new RegExp(partner) })
		.getAttribute('href');
	return new URL(href ?? '', page.url()).pathname;
}

async function shoot(page: Page, name: string) {
	if (process.env.UI_SHOTS)
		await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}.png`, fullPage: true });
}

/**
 * No serious axe finding, and no sideways scroll on a 360 px phone. In English only the rules
 * whose outcome the words can change (`LANGUAGE_RULES`, as in every-page.e2e.ts): colours and
 * structure are the same markup in both languages.
 */
async function checkPage(page: Page, name: string, locale: 'nl' | 'en') {
	const rules = locale === 'nl' ? undefined : LANGUAGE_RULES;
	await page.setViewportSize({ width: 1280, height: 900 });
	expect(await seriousViolations(page, rules), name).toEqual([]);
	await shoot(page, `${name}-1280`);
	await page.setViewportSize({ width: 360, height: 740 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(
		360
	);
	expect(await seriousViolations(page, rules), `${name} at 360 px`).toEqual([]);
	await shoot(page, `${name}-360`);
}

test('a meeting outside the programme is refused with its range; a saved one is confirmed', async ({
	browser
}) => {
	const mentor = await person(browser, 'mentor1@example.org');
	const pair = await youthPair(mentor, 'Gert Willems');
	await visit(mentor, `${pair}/meetings/2`);
	const date = mentor.getByLabel(/^Datum/);
	await date.fill('2020-09-15');
	await mentor.getByRole('button', { name: 'Opslaan' }).click();
	await expect(mentor.getByText('Kies een datum binnen het programma: van')).toBeVisible();
	await expect(date).toHaveAttribute('aria-invalid', 'true');
	await expect(mentor).toHaveURL(new RegExp(`${pair}/meetings/2$`));

	const inside = await date.getAttribute('min');
	expect(inside).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	await date.fill(inside!);
	await mentor.getByRole('button', { name: 'Opslaan' }).click();
	await expect(mentor).toHaveURL(new RegExp(`${pair}\\?meeting=saved`));
	await expect(
		mentor.getByRole('status').filter({ hasText: 'De bijeenkomst is opgeslagen.' })
	).toBeVisible();
});

test('an empty logbook part 2 is refused; part 1 says it is private, not shared', async ({
	browser
}) => {
	const mentee = await person(browser, 'mentee2@example.org');
	const pair = await youthPair(mentee, 'Carla Peeters');
	await visit(mentee, `${pair}/logbook`);
	const part1 = mentee.getByRole('region', { name: 'Eerste deel (privé)' });
	await expect(part1.getByText('Privé: alleen jij kan dit lezen')).toBeVisible();
	await expect(mentee.locator('body')).not.toContainText('meteen gedeeld');

	await mentee.getByLabel('Er is een moeilijkheid').check();
	await mentee.getByRole('button', { name: 'Versturen naar de coördinator' }).click();
	await expect(mentee.getByRole('alert')).toContainText('Schrijf iets in minstens één');
	await expect(mentee.getByText('Nog niets verstuurd.')).toBeVisible();
	// What was chosen stays, so only the missing text has to be added.
	await expect(mentee.getByLabel('Er is een moeilijkheid')).toBeChecked();
});

test('sheet 02 names the programme’s organisation where the source leaves a blank', async ({
	browser
}) => {
	const mentee = await person(browser, 'mentee2@example.org');
	const pair = await youthPair(mentee, 'Carla Peeters');
	await visit(mentee, `${pair}/sheets/02-confidentiality`);
	await expect(
		mentee.getByText(/^Scholengroep De Linde \(demo\) als nationale coördinator/)
	).toBeVisible();
	await expect(mentee.locator('article')).not.toContainText('[Organisatie]');
	await expect(mentee.locator('article')).not.toContainText('[Nationale coördinator]');
});

test('sheets 03 and V2 tell the mentor’s and the mentee’s fields apart', async ({ browser }) => {
	const mentee = await person(browser, 'mentee2@example.org');
	const pair = await youthPair(mentee, 'Carla Peeters');
	await visit(mentee, `${pair}/sheets/03-mutual-presentation`);
	const textbox = (name: string) => mentee.getByRole('textbox', { name, exact: true });
	await expect(textbox('Mijn favoriete film (Mentor)')).toBeVisible();
	await expect(textbox('Mijn favoriete film (Mentee)')).toBeVisible();
	await expect(
		mentee.getByRole('region', { name: 'Opmerkingen bij “Mijn favoriete film (Mentee)”' })
	).toBeVisible();
	await visit(mentee, `${pair}/sheets/V2`);
	await expect(textbox('Technische vaardigheden oefenen: (Werkschema – mentee)')).toBeVisible();
	await expect(
		textbox('Technische vaardigheden oefenen: (Vriend van de mentee / of van de mentor)')
	).toBeVisible();
});

for (const locale of ['nl', 'en'] as const) {
	test(`the pair's pages are accessible and fit a phone (${locale})`, async ({ browser }) => {
		const mentor = await person(browser, 'mentor1@example.org', locale);
		const pair = await youthPair(mentor, 'Gert Willems');
		// Loaded once, then opened as links open them (a third of a page load's CPU).
		await visit(mentor, `${pair}/meetings/3`);
		await checkPage(mentor, `meeting-${locale}`, locale);
		await followLink(mentor, `${pair}/logbook`);
		await expect(mentor.locator('article.sheet')).toBeVisible();
		await checkPage(mentor, `logbook-${locale}`, locale);
		await followLink(mentor, `${pair}/exit`);
		await checkPage(mentor, `exit-${locale}`, locale);
		for (const key of ['02-confidentiality', '03-mutual-presentation', 'V2', 'PS2']) {
			await followLink(mentor, `${pair}/sheets/${key}`);
			await expect(mentor.locator('article.sheet')).toBeVisible();
			await checkPage(mentor, `sheet-${key}-${locale}`, locale);
		}
	});
}
