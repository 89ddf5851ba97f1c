import { expect, test, type Browser, type Page } from './fixtures';
import ICAL from 'ical.js';
import { signIn, visit } from './helpers';
import { seriousViolations } from './axe';

/**
 * Between meetings: the mentor asks the mentee to prepare PS1 before meeting 3, the mentee sees it
 * on their home page and marks it done; the mentor sets the pair's call link and it shows on an
 * online meeting's page; the mentee subscribes to their calendar and renews the link. Uses the
 * youth pair of mentor2 and mentee3 (Dirk Janssens & Hanne Goossens).
 * Set UI_SHOTS=/some/dir to also save screenshots at 1280 and 360 px.
 */

async function person(browser: Browser, email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function pairPath(page: Page, partner: string): Promise<string> {
	await visit(page, '/pairs');
	const href = await page
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link', { name: new RegExp(partner) })
		.getAttribute('href');
	return new URL(href ?? '', page.url()).pathname;
}

/** A card of the page, found by its heading. */
const section = (page: Page, heading: string) =>
	page.locator('section').filter({ has: page.getByRole('heading', { name: heading }) });

/** 'YYYY-MM-DD', `days` from today in Brussels. */
function day(days: number): string {
	const date = new Date(Date.now() + days * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(date);
}

async function shoot(page: Page, name: string) {
	if (process.env.UI_SHOTS)
		await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}.png`, fullPage: true });
}

/** No serious axe finding, and no sideways scroll on a 360 px phone. */
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

test('the mentor asks the mentee to prepare PS1 before meeting 3; the mentee marks it done', async ({
	browser
}) => {
	const mentor = await person(browser, 'mentor2@example.org');
	const pair = await pairPath(mentor, 'Hanne Goossens');

	// From the sheet's header to the pair page's form, with PS1 chosen.
	await visit(mentor, `${pair}/sheets/PS1`);
	await mentor.getByRole('link', { name: 'Vraag om voor te bereiden' }).click();
	await expect(mentor).toHaveURL(/assign=PS1/);
	const form = mentor.locator('form[action="?/assign"]');
	await expect(form.getByLabel('Werkblad')).toHaveValue('PS1');
	await expect(form.getByLabel('Wie bereidt voor?')).toContainText('Hanne Goossens');

	// A date in the past is refused with a clear message, nothing saved.
	await form.getByLabel(/^Klaar tegen/).fill(day(-1));
	await form.getByRole('button', { name: 'Vragen' }).click();
	await expect(mentor.getByText('Die datum is voorbij. Kies vandaag of later.')).toBeVisible();
	await expect(mentor.getByTestId('pair-assignments')).toHaveCount(0);

	await form.getByLabel(/^Klaar tegen/).fill(day(7));
	await form.getByLabel('Vóór bijeenkomst (optioneel)').selectOption('3');
	await form.getByLabel('Korte notitie (optioneel)').fill('Denk aan je sterke punten');
	await form.getByRole('button', { name: 'Vragen' }).click();
	await expect(
		mentor.getByRole('status').filter({ hasText: 'Opdracht opgeslagen.' })
	).toBeVisible();
	const item = mentor.getByTestId('pair-assignments').getByRole('listitem');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText('PS1 Eerste analyse van de behoeften');
	await expect(item).toContainText('Voor Hanne Goossens');
	await expect(item).toContainText('vóór bijeenkomst 3');
	await checkPage(mentor, 'planning-pair-mentor');

	// The mentee, in their own browser, finds it on their home page.
	const mentee = await person(browser, 'mentee3@example.org');
	const list = mentee.getByTestId('home-to-prepare');
	await expect(mentee.getByRole('heading', { name: 'Voor te bereiden' })).toBeVisible();
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await expect(list).toContainText('PS1 Eerste analyse van de behoeften');
	await expect(list).toContainText('vóór bijeenkomst 3');
	await expect(list).toContainText('gevraagd door Dirk Janssens');
	await checkPage(mentee, 'planning-home-mentee');
	await list.getByRole('button', { name: 'Klaar — PS1 Eerste analyse van de behoeften' }).click();
	await expect(mentee.getByTestId('home-to-prepare')).toHaveCount(0);

	// The mentor sees it done.
	await mentor.reload();
	await expect(mentor.getByTestId('pair-assignments').getByRole('listitem')).toContainText('Klaar');
	await Promise.all([mentor.context().close(), mentee.context().close()]);
});

test("the pair's call link shows on an online meeting's page", async ({ browser }) => {
	const mentor = await person(browser, 'mentor2@example.org');
	const pair = await pairPath(mentor, 'Hanne Goossens');
	await visit(mentor, pair);
	const card = section(mentor, 'Online samenkomen');
	// An http link is refused.
	await card.getByLabel('Link voor jullie online bijeenkomsten').fill('http://zoom.us/j/1');
	await card.getByRole('button', { name: 'Link opslaan' }).click();
	await expect(card.getByLabel('Link voor jullie online bijeenkomsten')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(mentor.getByTestId('pair-call-link')).toHaveCount(0);

	const link = 'https://zoom.us/j/5551234567?pwd=abc';
	await card.getByLabel('Link voor jullie online bijeenkomsten').fill(link);
	await card.getByRole('button', { name: 'Link opslaan' }).click();
	await expect(mentor.getByTestId('pair-call-link')).toHaveText(link);
	const join = card.getByRole('link', { name: /Deelnemen aan het gesprek/ });
	await expect(join).toHaveAttribute('href', link);
	await expect(join).toHaveAttribute('target', '_blank');

	// Meeting 2 goes online without a link of its own: it uses the pair's.
	await visit(mentor, `${pair}/meetings/2`);
	if (!(await mentor.getByLabel(/^Datum/).inputValue()))
		await mentor.getByLabel(/^Datum/).fill(day(14));
	await mentor.getByLabel('Vorm').selectOption('online');
	await mentor.getByLabel('Link voor het videogesprek').fill('');
	await mentor.getByRole('button', { name: 'Opslaan' }).click();
	await expect(mentor).toHaveURL(new RegExp(`${pair}(\\?|$)`));
	await visit(mentor, `${pair}/meetings/2`);
	await expect(mentor.getByTestId('meeting-call-link')).toHaveText(link);
	await checkPage(mentor, 'planning-meeting');

	// Jitsi: one click makes an unguessable room.
	await visit(mentor, pair);
	await mentor.getByRole('button', { name: 'Link wijzigen' }).click();
	await mentor.getByRole('button', { name: 'Jitsi-kamer maken' }).click();
	await expect(mentor.getByTestId('pair-call-link')).toHaveText(
		/^https:\/\/meet\.jit\.si\/Mentorpad-[0-9a-f]{32}$/
	);
	await mentor.context().close();
});

test('a calendar subscription serves the meetings; a new link makes the old one 404', async ({
	browser
}) => {
	const mentee = await person(browser, 'mentee3@example.org');
	await visit(mentee, '/account');
	const card = section(mentee, 'Agenda-abonnement');
	await card.getByRole('button', { name: 'Link maken' }).click();
	const url = await card.getByRole('textbox', { name: 'Je geheime agenda-link' }).inputValue();
	expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
	await checkPage(mentee, 'planning-account');

	const first = await mentee.request.get(url);
	expect(first.status()).toBe(200);
	expect(first.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	const body = await first.text();
	expect(body).toContain('BEGIN:VCALENDAR\r\n');
	expect(body).toContain('X-WR-CALNAME:Mentorpad: mijn bijeenkomsten');
	expect(body).toContain('Mentorgesprek 2: Dirk Janssens & Hanne Goossens');

	// The meeting's own invitation has the same UID and SEQUENCE as the feed.
	const fromFeed = new ICAL.Component(ICAL.parse(body))
		.getAllSubcomponents('vevent')
		.map((event) => new ICAL.Event(event))
		.find((event) => event.summary.startsWith('Mentorgesprek 2:'));
	const pair = await pairPath(mentee, 'Dirk Janssens');
	const invite = await mentee.request.get(`${pair}/meetings/2/invite.ics`);
	expect(invite.status()).toBe(200);
	const [fromInvite] = new ICAL.Component(ICAL.parse(await invite.text()))
		.getAllSubcomponents('vevent')
		.map((event) => new ICAL.Event(event));
	expect(fromInvite.uid).toBe(fromFeed?.uid);
	expect(fromInvite.sequence).toBe(fromFeed?.sequence);
	await visit(mentee, '/account');

	await card.getByRole('button', { name: 'Nieuwe link maken' }).click();
	await mentee.getByRole('alertdialog').getByRole('button', { name: 'Nieuwe link maken' }).click();
	await expect(card.getByRole('textbox', { name: 'Je geheime agenda-link' })).not.toHaveValue(url);
	const fresh = await card.getByRole('textbox', { name: 'Je geheime agenda-link' }).inputValue();
	expect((await mentee.request.get(url)).status()).toBe(404);
	expect((await mentee.request.get(fresh)).status()).toBe(200);
	await mentee.context().close();
});
