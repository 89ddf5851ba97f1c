import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from './fixtures';
import { extractText, getDocumentProxy } from 'unpdf';
import { hydrated, signIn, visit } from './helpers';
import { seriousViolations } from './axe';

/**
 * The path: the mentor proposes the next phase, the mentee sees the proposal arrive (live) and
 * confirms it, both see the new phase and its date in the history; the mentor pauses and resumes
 * the pair; the coordinator sets the phase back on the pair's path page. Uses the youth pair of
 * mentor1 and mentee2 (Carla Peeters & Gert Willems) and leaves it as it found it (BR, active).
 * Set UI_SHOTS=/some/dir to also save screenshots at 1280 and 360 px.
 */

async function person(browser: Browser, email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
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
	if (!process.env.UI_SHOTS) return;
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${process.env.UI_SHOTS}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 720 });
}

const now = (page: Page) => page.getByTestId('path-now');

test('a proposed phase is confirmed by the other person; the mentor pauses and resumes', async ({
	browser
}) => {
	const mentor = await person(browser, 'mentor1@example.org');
	const mentee = await person(browser, 'mentee2@example.org');
	const pair = await youthPair(mentor, 'Gert Willems');
	await visit(mentor, pair);
	await visit(mentee, pair);
	await Promise.all([hydrated(mentor), hydrated(mentee)]);
	await expect(now(mentor)).toHaveAttribute('data-phase', 'BR');

	// The mentor proposes SD; the sheets of BR that are done are shown as guidance.
	await expect(mentor.getByText(/van \d+ werkbladen van deze fase zijn ingevuld/)).toBeVisible();
	await mentor
		.getByRole('button', { name: /Stel voor om door te gaan naar Richting instellen/ })
		.click();
	await expect(mentor.getByTestId('path-proposal')).toContainText(
		'Gert Willems moet nog bevestigen'
	);
	await shoot(mentor, 'path-proposed-mentor');

	// The mentee's open page shows the proposal when the notification arrives (no reload).
	const proposal = mentee.getByTestId('path-proposal');
	await expect(proposal).toContainText('Carla Peeters stelt voor om door te gaan naar');
	expect(await seriousViolations(mentee)).toEqual([]);
	await shoot(mentee, 'path-proposal-mentee');
	await proposal.getByRole('button', { name: 'Bevestigen' }).click();
	await expect(now(mentee)).toHaveAttribute('data-phase', 'SD');

	// Both see the new phase and the change in the history.
	await expect(now(mentor)).toHaveAttribute('data-phase', 'SD');
	await mentor.reload();
	await expect(now(mentor)).toHaveAttribute('data-phase', 'SD');
	await expect(mentor.getByTestId('path-history')).toContainText(
		'Fase: Relatie bouwen (BR) → Richting instellen (SD)'
	);
	await expect(mentor.getByTestId('path-history')).toContainText('door de mentee');

	// The mentor pauses: the workspace is read-only for both until the mentor resumes.
	await mentor.getByRole('button', { name: 'Koppel pauzeren' }).click();
	await mentor.getByRole('alertdialog').getByRole('button', { name: 'Koppel pauzeren' }).click();
	await expect(mentor.getByText('Dit koppel is gepauzeerd.')).toBeVisible();
	await mentee.reload();
	await expect(mentee.getByText('Dit koppel is gepauzeerd.')).toBeVisible();
	await expect(mentee.getByRole('button', { name: /Stel voor om door te gaan/ })).toHaveCount(0);
	await shoot(mentee, 'path-paused-mentee');
	await mentor.getByRole('button', { name: 'Koppel hervatten' }).click();
	await mentor.getByRole('alertdialog').getByRole('button', { name: 'Koppel hervatten' }).click();
	await expect(mentor.getByText('Dit koppel is gepauzeerd.')).toHaveCount(0);
	await expect(mentor.getByRole('button', { name: 'Koppel pauzeren' })).toBeVisible();

	// The coordinator sets the phase back on the pair's path page (the pair list links to it).
	const coordinator = await person(browser, 'coordinator@example.org');
	await visit(coordinator, '/programs');
	const href = await coordinator
		.getByRole('link', { name: /VM-PRO jongerenmentoring/ })
		.first()
		.getAttribute('href');
	const programme = /\/programs\/([0-9a-f-]{36})/.exec(href ?? '')?.[1];
	await visit(coordinator, `/programs/${programme}/pairs`);
	await coordinator
		.getByTestId('pair-row')
		.filter({ hasText: 'Gert Willems' })
		.getByRole('link', { name: /^Traject/ })
		.click();
	await expect(coordinator.getByRole('heading', { name: /Traject van koppel P-/ })).toBeVisible();
	expect(await seriousViolations(coordinator)).toEqual([]);
	await shoot(coordinator, 'path-coordinator');
	await coordinator.getByLabel('Fase').selectOption('BR');
	await coordinator.getByRole('button', { name: 'Fase opslaan' }).click();
	await expect(coordinator.getByTestId('path-history')).toContainText(
		'Fase: Richting instellen (SD) → Relatie bouwen (BR)'
	);
	await mentee.reload();
	await expect(now(mentee)).toHaveAttribute('data-phase', 'BR');
});

/**
 * The whole ending (issue #13): the coordinator moves the pair to MO, the mentor writes in the
 * closing conversation and ends the pair, the coordinator issues the mentee's certificate and
 * the mentee downloads a portfolio with the certificate and the closing conversation. Ends the
 * pair of mentor1 and mentee2: no later test uses it.
 */
test('a pair closes its path; the coordinator issues the certificate; the mentee downloads the portfolio', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	await visit(coordinator, '/programs');
	const href = await coordinator
		.getByRole('link', { name: /VM-PRO jongerenmentoring/ })
		.first()
		.getAttribute('href');
	const programme = /\/programs\/([0-9a-f-]{36})/.exec(href ?? '')?.[1];
	const row = () => coordinator.getByTestId('pair-row').filter({ hasText: 'Gert Willems' });
	await visit(coordinator, `/programs/${programme}/pairs`);
	await row()
		.getByRole('link', { name: /^Traject/ })
		.click();
	await coordinator.getByLabel('Fase').selectOption('MO');
	await coordinator.getByRole('button', { name: 'Fase opslaan' }).click();
	await expect(coordinator.getByTestId('path-history')).toContainText('→ Doorgaan (MO)');

	// The mentor cannot end before the closing conversation has content; it links there.
	const mentor = await person(browser, 'mentor1@example.org');
	const pair = await youthPair(mentor, 'Gert Willems');
	await visit(mentor, pair);
	await expect(now(mentor)).toHaveAttribute('data-phase', 'MO');
	await mentor.getByTestId('path-closing-first').getByRole('link').click();
	await expect(mentor).toHaveURL(/\/sheets\/MO-closing$/);
	const words = mentor.getByRole('textbox', { name: 'Een woord van de mentor' });
	await words.click();
	await words.pressSequentially('Dank je, Gert: je bent gegroeid.');
	await expect(words).toHaveValue(/je bent gegroeid/);

	// Once the words are stored, the pair page offers to end the pair. A positive wait: it returns
	// as soon as the button is there; the limit is for a busy machine (20 s was once too little).
	await expect
		.poll(
			async () => {
				await visit(mentor, pair);
				return mentor.getByRole('button', { name: 'Koppel afsluiten' }).count();
			},
			{ timeout: 60_000 }
		)
		.toBe(1);
	await mentor.getByRole('button', { name: 'Koppel afsluiten' }).click();
	await mentor.getByRole('alertdialog').getByRole('button', { name: 'Koppel afsluiten' }).click();
	await expect(mentor.getByTestId('path-history')).toContainText('beëindigd');

	// The coordinator issues the mentee's certificate.
	await visit(coordinator, `/programs/${programme}/pairs`);
	await row()
		.getByRole('link', { name: /Certificaat/ })
		.click();
	await coordinator.getByRole('button', { name: 'Certificaat uitreiken' }).click();
	await coordinator
		.getByRole('alertdialog')
		.getByRole('button', { name: 'Certificaat uitreiken' })
		.click();
	await expect(coordinator.getByTestId('certificate')).toContainText('Geldig');

	// The mentee chooses the certificate and the closing conversation and downloads one PDF.
	const mentee = await person(browser, 'mentee2@example.org');
	await visit(mentee, '/account/portfolio');
	await mentee.getByRole('checkbox', { name: /Certificaat van voltooiing/ }).check();
	// Another test may have paired Gert again, even with Carla: the pair that just ended.
	await mentee
		.getByRole('group', { name: /^Met Carla Peeters · .*\(beëindigd\)$/ })
		.first()
		.getByRole('checkbox', { name: /Afsluitend gesprek/ })
		.check();
	await mentee.getByRole('button', { name: 'Keuze opslaan' }).click();
	const download = mentee.getByRole('link', { name: 'Portfolio downloaden (PDF)' });
	const [file] = await Promise.all([mentee.waitForEvent('download'), download.click()]);
	const bytes = new Uint8Array(await readFile(await file.path()));
	expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
	const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
	const flat = text.replace(/\s+/g, ' ');
	expect(flat).toContain('Gert Willems');
	expect(flat).toContain('Certificaat');
	expect(flat).toContain('je bent gegroeid');
	await Promise.all([mentor, mentee, coordinator].map((page) => page.context().close()));
});
