import { expect, test, type Browser, type Page } from './fixtures';
import { signIn, visit } from './helpers';
import { axeViolations } from './axe';

/**
 * Reflections in a learning community (issue #12, part 3), in the demo LGLB group: after the
 * group's last meeting Ursula writes the prompted reflection and shares it in one click; Victor
 * finds it recognisable and Ursula's open page shows it live; then Ursula, case owner of an
 * intervision round, keeps her closing reflection. Screenshots go to UI_SHOTS when it is set.
 */

const URSULA = { email: 'lglb1@example.org', name: 'Ursula De Wilde' };
const VICTOR = { email: 'lglb2@example.org', name: 'Victor Aerts' };
const GROUP = 'LGLB Waasland';

async function person(browser: Browser, who: { email: string }): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, who.email);
	await page.getByRole('link', { name: GROUP }).click();
	await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
	return page;
}

/** axe (0 serious or critical) unless `axe` is false (the page is in the every-page sweep), and screenshots. */
async function check(page: Page, name: string, axe = true) {
	if (axe) {
		const violations = await axeViolations(page);
		const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(
			serious.map((v) => v.id),
			name
		).toEqual([]);
	}
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

test('a prompted reflection is shared, gets a reaction live, and a case owner keeps a closing reflection', async ({
	browser
}) => {
	const [ursula, victor] = await Promise.all([URSULA, VICTOR].map((who) => person(browser, who)));

	// The group met two weeks ago: Ursula is asked to reflect, with the questions.
	const prompt = ursula.getByTestId('meeting-prompt');
	await expect(prompt).toContainText('Wat heb ik vandaag geleerd van de anderen in de groep?');
	await check(ursula, 'group-prompt', false);
	await prompt.getByRole('button', { name: 'Schrijf je reflectie' }).click();
	await expect(ursula.getByRole('heading', { level: 1 })).toHaveText(
		/^Reflectie na de bijeenkomst van /
	);
	const title = (await ursula.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
	const editor = ursula.getByRole('textbox', { name: `Tekst van ${title}` });
	await expect(editor).toContainText('Welke stap zet ik in mijn school');
	await check(ursula, 'reflection-decide');
	// One click shares it with the group.
	await ursula
		.getByTestId('share-choice')
		.getByRole('button', { name: 'Delen met de groep' })
		.click();
	await expect(ursula.getByTestId('share-state')).toHaveText('gedeeld met de groep');
	await expect(ursula.getByTestId('share-choice')).toHaveCount(0);

	// Victor finds it recognisable; Ursula's open page shows it without a reload.
	await victor.reload();
	await victor.getByRole('link', { name: title }).click();
	const recognisable = victor.getByRole('button', { name: /^Herkenbaar/ });
	await expect(recognisable).toHaveAttribute('aria-pressed', 'false');
	await recognisable.click();
	await expect(recognisable).toHaveAttribute('aria-pressed', 'true');
	await expect(ursula.getByTestId('reaction-summary')).toContainText(
		`Herkenbaar (1 keer): ${VICTOR.name}`
	);
	await check(victor, 'reflection-reactions');

	// Ursula brings a case; at the last step she keeps what she takes away.
	await ursula.getByRole('link', { name: 'Terug naar de groep' }).click();
	await ursula.getByRole('link', { name: 'Intervisie', exact: true }).click();
	await ursula.getByLabel('Methode').selectOption('incident');
	await ursula.getByRole('button', { name: 'Ronde starten' }).click();
	for (let step = 2; step <= 5; step++) {
		await ursula.getByRole('button', { name: 'Volgende stap' }).click();
		await expect(ursula.getByTestId('round-step')).toContainText(`Stap ${step} van 5`);
	}
	const closing = ursula.getByTestId('closing-reflection');
	await closing.getByLabel('Wat neem ik mee?').fill('Eerst het zorgteam horen, dan beslissen.');
	await check(ursula, 'intervision-closing');
	await closing.getByRole('button', { name: 'Reflectie opslaan' }).click();
	await expect(closing).toContainText('Reflectie opgeslagen');
	await expect(
		closing.getByRole('link', { name: /^Open je reflectie: Incidentmethode/ })
	).toBeVisible();
	await check(ursula, 'intervision-saved', false);
	await ursula.getByRole('button', { name: 'Ronde afsluiten' }).click();
	await expect(ursula.getByRole('button', { name: 'Ronde starten' })).toBeVisible();

	if (process.env.UI_SHOTS) {
		// Victor has not written his yet: his home page's group card asks him.
		await visit(victor, '/');
		await expect(victor.getByTestId('home-group-prompts')).toBeVisible();
		await check(victor, 'home-prompt');
	}

	for (const page of [ursula, victor]) await page.context().close();
});
