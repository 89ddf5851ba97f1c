import { expect, test, type Browser, type Page } from './fixtures';
import { signIn, visit } from './helpers';

/**
 * The coordinator switches S1 on for the school-leader demo programme (whose default set has no
 * youth exercise sheets); the mentor and the mentee of its pair both find it on their pair page.
 * The set goes back to the default at the end, so other tests see the demo as seeded.
 */

const S1 = 'S1 Soft skills – Organisatorisch vermogen';
const PROGRAMME = 'Startende schoolleiders 2026–2027';

async function person(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

async function openPair(page: Page, partner: string) {
	await visit(page, '/pairs');
	await page
		.getByRole('listitem')
		.filter({ hasText: PROGRAMME })
		.getByRole('link', { name: new RegExp(partner) })
		.click();
	await expect(page).toHaveURL(/\/pairs\/[0-9a-f-]{36}$/);
}

test('the coordinator switches S1 on; mentor and mentee of a school-leader pair both see it', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	await visit(coordinator, '/programs');
	await coordinator.getByRole('link', { name: PROGRAMME }).click();
	await coordinator.getByRole('link', { name: 'Instrumenten' }).click();
	await expect(
		coordinator.getByRole('heading', { name: 'Instrumenten van dit programma' })
	).toBeVisible();

	const s1 = coordinator.getByRole('switch', { name: S1 });
	await expect(s1).not.toBeChecked();
	const mentor = await person(browser, 'mentor3@example.org');
	await openPair(mentor, 'Ilias El Amrani');
	await expect(mentor.getByRole('link', { name: S1 })).toHaveCount(0);

	try {
		await s1.check();
		await coordinator.getByRole('button', { name: 'Instrumenten opslaan' }).click();
		await expect(
			coordinator.getByRole('status').filter({ hasText: 'De instrumenten zijn opgeslagen' })
		).toBeVisible();

		const mentee = await person(browser, 'mentee4@example.org');
		await openPair(mentee, 'Els Maes');
		await mentor.reload();
		for (const page of [mentor, mentee]) {
			const link = page.getByRole('link', { name: S1 });
			await expect(link).toBeVisible();
			await expect(link.locator('xpath=..')).toContainText('Face-to-face');
		}
		await mentee.getByRole('link', { name: S1 }).click();
		await expect(mentee.getByRole('heading', { level: 1, name: S1 })).toBeVisible();
		await expect(mentee.getByTestId('sheet-instrument')).toContainText('Middenetappe');
	} finally {
		await coordinator.reload();
		await coordinator.getByRole('button', { name: 'Terug naar standaard' }).click();
		await coordinator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Terug naar standaard' })
			.click();
		await expect(
			coordinator.getByRole('status').filter({ hasText: 'De standaardset geldt weer.' })
		).toBeVisible();
	}
});
