import { expect, test, type Browser, type Page } from './fixtures';
import { signIn, visit } from './helpers';
import { seriousViolations } from './axe';

/**
 * The resource library: the coordinator adds a link for mentors only, tagged PS1; the mentor of
 * the school-leader demo pair sees it beside PS1, the mentee of that pair does not; the mentor
 * ticks an item of the mentor training done and the progress follows. Set UI_SHOTS=/some/dir to
 * also save screenshots at 1280 and 360 px.
 */

async function person(browser: Browser, email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function programId(page: Page, name: string): Promise<string> {
	await visit(page, '/programs');
	const href = await page.getByRole('link', { name }).getAttribute('href');
	const id = /\/programs\/([0-9a-f-]{36})/.exec(href ?? '')?.[1];
	expect(id).toBeTruthy();
	return id!;
}

async function pairPath(page: Page, programme: string, partner: string): Promise<string> {
	await visit(page, '/pairs');
	const href = await page
		.getByRole('listitem')
		.filter({ hasText: programme })
		.getByRole('link', { name: new RegExp(partner) })
		.getAttribute('href');
	return new URL(href ?? '', page.url()).pathname;
}

async function shoot(page: Page, name: string) {
	if (!process.env.UI_SHOTS) return;
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 720 });
}

const TITLE = 'Zo voer je PS1 (alleen mentoren)';

test('a mentor-only link tagged PS1 reaches the mentor beside PS1, never the mentee', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	const programme = await programId(coordinator, 'Startende schoolleiders 2026–2027');
	await visit(coordinator, `/programs/${programme}/resources/new`);
	await coordinator.getByLabel('Titel').fill(TITLE);
	await coordinator.getByRole('textbox', { name: 'Webadres' }).fill('javascript:alert(1)');
	await coordinator.getByRole('checkbox', { name: 'PS1 Eerste analyse van de behoeften' }).check();
	await coordinator
		.getByRole('group', { name: 'Voor wie' })
		.getByRole('checkbox', { name: 'Mentoren' })
		.check();
	await coordinator.getByRole('button', { name: 'Opslaan' }).click();
	// A javascript: link is refused with a translated message, and the form keeps what was typed.
	await expect(coordinator.getByText(/Andere soorten links \(zoals javascript:\)/)).toBeVisible();
	await coordinator.getByRole('textbox', { name: 'Webadres' }).fill('https://example.org/ps1');
	await coordinator.getByRole('button', { name: 'Opslaan' }).click();
	await expect(
		coordinator.getByRole('status').filter({ hasText: 'Materiaal opgeslagen.' })
	).toBeVisible();
	await expect(coordinator.getByRole('heading', { name: TITLE })).toBeVisible();

	const mentor = await person(browser, 'mentor3@example.org');
	const mentorPair = await pairPath(mentor, 'Startende schoolleiders', 'Ilias El Amrani');
	await visit(mentor, `${mentorPair}/sheets/PS1`);
	const materials = mentor.getByRole('complementary', { name: 'Materiaal bij dit werkblad' });
	await expect(
		materials.getByRole('link', { name: new RegExp(TITLE.replace(/[()]/g, '\\$&')) })
	).toBeVisible();
	await expect(
		materials.getByRole('link', { name: /Handleiding: PS1 samen invullen/ })
	).toBeVisible();

	const mentee = await person(browser, 'mentee4@example.org');
	const menteePair = await pairPath(mentee, 'Startende schoolleiders', 'Els Maes');
	await visit(mentee, `${menteePair}/sheets/PS1`);
	await expect(mentee.getByRole('heading', { level: 1, name: /PS1/ })).toBeVisible();
	await expect(mentee.getByText(TITLE)).toHaveCount(0);
	await expect(
		mentee.getByRole('complementary', { name: 'Materiaal bij dit werkblad' })
	).toHaveCount(0);
	await visit(mentee, `/programs/${programme}/resources`);
	await expect(
		mentee.getByRole('heading', { name: 'Checklist: je eerste honderd dagen als directeur' })
	).toBeVisible();
	await expect(mentee.getByText(TITLE)).toHaveCount(0);
	await shoot(mentee, 'library-mentee');

	// The mentor ticks an item of the mentor training: the progress follows, and stays.
	await visit(mentor, `/programs/${programme}/resources/collections`);
	const training = mentor
		.locator('section')
		.filter({ has: mentor.getByRole('heading', { name: 'Mentoropleiding', exact: true }) });
	const progress = training.getByRole('progressbar', { name: 'Voortgang van Mentoropleiding' });
	await expect(progress).toHaveAttribute('aria-valuenow', '1');
	await training.getByRole('checkbox', { name: /Handleiding: PS1 samen invullen gedaan/ }).check();
	await expect(progress).toHaveAttribute('aria-valuenow', '2');
	await mentor.reload();
	await expect(
		mentor.getByRole('checkbox', { name: /Handleiding: PS1 samen invullen gedaan/ })
	).toBeChecked();
	expect(await seriousViolations(mentor)).toEqual([]);
	await shoot(mentor, 'collections-mentor');

	await visit(mentor, `/programs/${programme}/resources`);
	await expect(mentor.getByRole('heading', { name: TITLE })).toBeVisible();
	expect(await seriousViolations(mentor)).toEqual([]);
	await shoot(mentor, 'library-mentor');
	await visit(coordinator, `/programs/${programme}/resources/new`);
	await shoot(coordinator, 'new-coordinator');
	await visit(coordinator, `/programs/${programme}/resources`);
	await shoot(coordinator, 'library-coordinator');
	await visit(mentor, `${mentorPair}/sheets/PS1`);
	await shoot(mentor, 'sheet-mentor');
});
