import { expect, test, type Browser, type Page } from './fixtures';
import { signIn, watchCsp } from './helpers';
import { seriousViolations } from './axe';

/**
 * Care in real browsers: the demo mentee (Fien Claes) answers her check-in; her mentor (Carla
 * Peeters) raises a concern with the coordinator, who sees it and sets its status, which the
 * mentor then sees. Set UI_SHOTS=/some/dir to also save screenshots (1280 and 360 px wide).
 */

const run = Math.random().toString(36).slice(2, 7);

async function person(browser: Browser, email: string) {
	const context = await browser.newContext();
	const csp = await watchCsp(context);
	const page = await context.newPage();
	await signIn(page, email);
	return { context, page, csp };
}

async function shoot(page: Page, name: string) {
	if (!process.env.UI_SHOTS) return;
	const size = page.viewportSize() ?? { width: 1280, height: 720 };
	await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}-1280.png`, fullPage: true });
	await page.setViewportSize({ width: 360, height: 780 });
	await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}-360.png`, fullPage: true });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.setViewportSize(size);
}

test('a mentee answers a check-in; a concern reaches the coordinator, who sets its status', async ({
	browser
}) => {
	const mentee = await person(browser, 'mentee1@example.org');
	await mentee.page.goto('/checkins');
	await expect(mentee.page.getByRole('heading', { name: 'Check-ins', level: 1 })).toBeVisible();
	await shoot(mentee.page, 'checkins');
	await mentee.page.getByRole('link', { name: 'Invullen' }).first().click();
	await expect(
		mentee.page.getByRole('heading', { name: 'Na de eerste bijeenkomst', level: 1 })
	).toBeVisible();
	// Sending without answers says what is missing, and keeps the comment.
	await mentee.page.getByLabel('Opmerking (niet verplicht)').fill(`Fijne start ${run}`);
	await mentee.page.getByRole('button', { name: 'Check-in versturen' }).click();
	await expect(mentee.page.getByText('Dit veld is verplicht.').first()).toBeVisible();
	await expect(mentee.page.getByLabel('Opmerking (niet verplicht)')).toHaveValue(
		`Fijne start ${run}`
	);
	await shoot(mentee.page, 'checkin-form');
	expect(await seriousViolations(mentee.page)).toEqual([]);
	await mentee.page
		.getByRole('group', { name: 'Hoe tevreden ben je over jullie mentorrelatie?' })
		.getByRole('radio', { name: '4 van 5' })
		.check();
	await mentee.page
		.getByRole('group', { name: 'Hoeveel vooruitgang maak je op je doelen?' })
		.getByRole('radio', { name: '3 van 5' })
		.check();
	await mentee.page.getByRole('button', { name: 'Check-in versturen' }).click();
	await expect(mentee.page.getByText('Bedankt, je check-in is verstuurd.')).toBeVisible();
	await expect(
		mentee.page.getByRole('heading', { name: 'Je hebt deze check-in ingevuld' })
	).toBeVisible();
	await expect(mentee.page.getByText(`Fijne start ${run}`)).toBeVisible();
	await shoot(mentee.page, 'checkin-answered');

	const mentor = await person(browser, 'mentor1@example.org');
	await mentor.page.goto('/pairs');
	await mentor.page
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link', { name: /Fien Claes/ })
		.click();
	await expect(mentor.page.getByRole('heading', { name: 'Zit je ergens mee?' })).toBeVisible();
	await mentor.page.getByRole('link', { name: 'Een zorg melden' }).click();
	await expect(mentor.page).toHaveURL(/\/programs\/[0-9a-f-]+\/concerns\?pair=/);
	const concerns = new URL(mentor.page.url()).pathname;
	const reason = `Fien vertelde iets over thuis dat ik wil doorgeven (${run}).`;
	await mentor.page.getByLabel('Wat wil je de coördinator laten weten?').fill(reason);
	await mentor.page.getByLabel('Hoe dringend is het?').selectOption('urgent');
	await shoot(mentor.page, 'concern-form');
	await mentor.page.getByRole('button', { name: 'Melding versturen' }).click();
	await expect(mentor.page.getByText('Je melding is bij de coördinator.')).toBeVisible();
	const mine = mentor.page.getByRole('listitem').filter({ hasText: reason });
	await expect(mine.getByText('Open', { exact: true })).toBeVisible();

	const coordinator = await person(browser, 'coordinator@example.org');
	await coordinator.page.goto(concerns);
	const item = coordinator.page.getByRole('listitem').filter({ hasText: reason });
	await expect(item.getByText('Dringendheid: Dringend')).toBeVisible();
	await expect(item.getByText(/Carla Peeters \(mentor\)/)).toBeVisible();
	await item.getByLabel('Status').selectOption('in_progress');
	await item.getByRole('button', { name: 'Status opslaan' }).click();
	await expect(
		coordinator.page.getByRole('status').filter({ hasText: 'Status opgeslagen.' })
	).toBeVisible();
	await shoot(coordinator.page, 'concerns-coordinator');
	expect(await seriousViolations(coordinator.page)).toEqual([]);

	await mentor.page.goto(concerns);
	await expect(
		mentor.page.getByRole('listitem').filter({ hasText: reason }).getByText('In behandeling')
	).toBeVisible();

	for (const who of [mentee, mentor, coordinator]) {
		expect(who.csp).toEqual([]);
		await who.context.close();
	}
});
