import { expect, test, type Browser, type Page } from './fixtures';
import { signIn } from './helpers';
import { axeViolations } from './axe';

/**
 * Learning communities live (issue #12): three members of the demo LGSL group follow one
 * intervision round — the chair starts it and moves it on, the timekeeper pauses it, and all
 * three see the same step and the same time — and a comment on a shared reflection reaches its
 * author's open page and bell. Screenshots go to UI_SHOTS when it is set.
 */

const LOTTE = { email: 'lgsl1@example.org', name: 'Lotte Verbeke' };
const NADIA = { email: 'lgsl3@example.org', name: 'Nadia Bouzid' };
const PETRA = { email: 'lgsl5@example.org', name: 'Petra Coppens' };
const GROUP = 'LGSL Waasland';
const REFLECTION = 'Na bijeenkomst 1: onderwijskundig leiderschap';

async function person(browser: Browser, who: { email: string }): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, who.email);
	await page.getByRole('link', { name: GROUP }).click();
	await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
	return page;
}

/** Seconds shown by the step's timer (m:ss). */
async function seconds(page: Page): Promise<number> {
	const text = (await page.getByTestId('round-timer').textContent()) ?? '';
	const match = /^(-?)(\d+):(\d\d)$/.exec(text.trim());
	if (!match) throw new Error(`not a clock: ${text}`);
	const value = Number(match[2]) * 60 + Number(match[3]);
	return match[1] ? -value : value;
}

async function axeClean(page: Page, name: string) {
	const violations = await axeViolations(page);
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		serious.map((v) => v.id),
		name
	).toEqual([]);
	if (process.env.UI_SHOTS) {
		for (const width of [1280, 360]) {
			await page.setViewportSize({ width, height: 900 });
			await page.screenshot({
				path: `${process.env.UI_SHOTS}/${name}-${width}.png`,
				fullPage: true
			});
		}
		await page.setViewportSize({ width: 1280, height: 720 });
	}
}

test('three members run an intervision round in sync; a comment reaches the author live', async ({
	browser
}) => {
	const [lotte, nadia, petra] = await Promise.all(
		[LOTTE, NADIA, PETRA].map((who) => person(browser, who))
	);
	for (const page of [lotte, nadia, petra]) {
		await page.getByRole('link', { name: 'Intervisie', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Intervisie' })).toBeVisible();
	}

	// Lotte chairs, Nadia brings the case, Petra keeps the time.
	await lotte.getByLabel('Methode').selectOption('incident');
	await lotte.getByLabel('Inbrenger').selectOption({ label: NADIA.name });
	await lotte.getByLabel('Voorzitter').selectOption({ label: LOTTE.name });
	await lotte.getByLabel('Tijdsbewaker').selectOption({ label: PETRA.name });
	await lotte.getByRole('button', { name: 'Ronde starten' }).click();

	for (const page of [lotte, nadia, petra]) {
		await expect(page.getByTestId('round-step')).toContainText('Stap 1 van 5');
		await expect(page.getByTestId('round-step')).toContainText('Inbreng van de casus');
	}
	// The clock counts down on every screen, from one server time.
	await expect.poll(() => seconds(nadia)).toBeLessThan(300);
	const times = await Promise.all([lotte, nadia, petra].map(seconds));
	expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(2);
	await expect(nadia.getByRole('button', { name: 'Volgende stap' })).toHaveCount(0);

	await lotte.getByRole('button', { name: 'Volgende stap' }).click();
	for (const page of [lotte, nadia, petra]) {
		await expect(page.getByTestId('round-step')).toContainText('Stap 2 van 5');
		await expect(page.getByTestId('round-step')).toContainText('Verhelderende vragen');
		await expect.poll(() => seconds(page)).toBeGreaterThan(590);
	}

	// The timekeeper pauses: everyone sees the same frozen time.
	await petra.getByRole('button', { name: 'Pauzeren' }).click();
	for (const page of [lotte, nadia, petra])
		await expect(page.getByText('Gepauzeerd')).toBeVisible();
	const frozen = await Promise.all([lotte, nadia, petra].map(seconds));
	expect(new Set(frozen).size).toBe(1);
	await axeClean(nadia, 'intervision-live');

	await lotte.getByRole('button', { name: 'Ronde afsluiten' }).click();
	for (const page of [lotte, nadia, petra])
		await expect(page.getByRole('button', { name: 'Ronde starten' })).toBeVisible();

	// Lotte opens her shared reflection; Nadia comments; Lotte sees it arrive without reloading.
	for (const page of [lotte, nadia]) {
		await page.getByRole('link', { name: 'Terug naar de groep' }).click();
		await page.getByRole('link', { name: REFLECTION }).click();
		await expect(page.getByRole('heading', { level: 1, name: REFLECTION })).toBeVisible();
	}
	const comment = `Mooi inzicht, Lotte ${Date.now()}`;
	await nadia.getByLabel('Je reactie').fill(comment);
	await nadia.getByRole('button', { name: 'Reageren' }).click();
	await expect(nadia.getByTestId('reflection-comments')).toContainText(comment);
	await expect(lotte.getByTestId('reflection-comments')).toContainText(comment);
	await expect(lotte.getByTestId('reflection-comments')).toContainText(NADIA.name);
	await axeClean(lotte, 'reflection-comments');

	for (const page of [lotte, nadia, petra]) await page.context().close();
});
