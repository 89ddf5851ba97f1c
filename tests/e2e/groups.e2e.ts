import { expect, test, type Browser, type Locator, type Page } from './fixtures';
import { signIn, visit } from './helpers';
import { seriousViolations } from './axe';

/**
 * Learning communities (issue #12): two members of the demo LGSL group write in the same group
 * document and see each other's text and carets; a shared reflection opens read-only for the
 * other, and stopping sharing takes it away from their open page. Screenshots of every group
 * page go to UI_SHOTS when it is set.
 */

const LOTTE = { email: 'lgsl1@example.org', name: 'Lotte Verbeke' };
const NADIA = { email: 'lgsl3@example.org', name: 'Nadia Bouzid' };
const GROUP = 'LGSL Waasland';

async function person(browser: Browser, who: { email: string }): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, who.email);
	return page;
}

async function openGroup(page: Page) {
	await page.getByRole('link', { name: GROUP }).click();
	await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
}

/** The editor's text without the other people's caret labels. */
function editorText(editor: Locator): Promise<string> {
	return editor.evaluate((element) => {
		const copy = element.cloneNode(true) as HTMLElement;
		for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
		return copy.textContent ?? '';
	});
}

async function shoot(page: Page, name: string) {
	for (const width of [1280, 360]) {
		await page.setViewportSize({ width, height: 900 });
		expect(await seriousViolations(page), `${name} at ${width}`).toEqual([]);
		if (width === 360) {
			expect(
				await page.evaluate(() => document.documentElement.scrollWidth),
				`${name} at 360`
			).toBeLessThanOrEqual(360);
		}
		if (process.env.UI_SHOTS) {
			await page.screenshot({
				path: `${process.env.UI_SHOTS}/${name}-${width}.png`,
				fullPage: true
			});
		}
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

test('two members write in the same group document and see each other’s carets', async ({
	browser
}) => {
	const a = await person(browser, LOTTE);
	const b = await person(browser, NADIA);
	for (const page of [a, b]) {
		await openGroup(page);
		await page.getByRole('link', { name: 'Agenda', exact: true }).click();
		await expect(page.getByText('Live verbonden')).toBeVisible();
	}
	const editorA = a.getByRole('textbox', { name: 'Tekst van Agenda' });
	const editorB = b.getByRole('textbox', { name: 'Tekst van Agenda' });
	await expect(editorA).toContainText('Bijeenkomst 3');
	await editorA.click();
	await a.keyboard.press('Control+End');
	await editorA.press('Enter');
	await editorA.pressSequentially('Rondvraag en afsluiting');
	await expect(editorB).toContainText('Rondvraag en afsluiting');
	await editorB.click();
	await b.keyboard.press('Control+Home');
	await editorB.pressSequentially('Welkom! ');
	await expect.poll(() => editorText(editorA)).toMatch(/^Welkom! Bijeenkomst 3/);
	await expect(editorA.locator('.collaboration-carets__label')).toHaveText(NADIA.name);
	await expect(editorB.locator('.collaboration-carets__label')).toHaveText(LOTTE.name);
	await a.context().close();
	await b.context().close();
});

test('a shared reflection opens read-only for another member; stopping sharing takes it away', async ({
	browser
}) => {
	const author = await person(browser, LOTTE);
	const reader = await person(browser, NADIA);
	const title = `Reflectie ${Date.now()}`;

	await openGroup(author);
	await author.getByLabel('Titel van je reflectie').fill(title);
	await author.getByRole('button', { name: 'Nieuwe reflectie' }).click();
	await expect(author.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(author.getByText('Privé: alleen jij ziet deze reflectie.')).toBeVisible();
	const own = author.getByRole('textbox', { name: `Tekst van ${title}` });
	await own.click();
	await own.pressSequentially('Wat ik meeneem: meer vragen stellen.');

	await author.getByRole('button', { name: 'Delen met de groep' }).click();
	await author.getByRole('alertdialog').getByRole('button', { name: 'Delen met de groep' }).click();
	await expect(author.getByTestId('share-state')).toHaveText('gedeeld met de groep');

	await openGroup(reader);
	await reader.getByRole('link', { name: title }).click();
	await expect(reader.getByText(`Je leest een reflectie van ${LOTTE.name}`)).toBeVisible();
	const shared = reader.getByRole('textbox', { name: `Tekst van ${title}` });
	await expect(shared).toContainText('Wat ik meeneem: meer vragen stellen.');
	await expect(shared).toHaveAttribute('contenteditable', 'false');
	await expect(reader.getByRole('button', { name: 'Delen stoppen' })).toHaveCount(0);

	await author.getByRole('button', { name: 'Delen stoppen' }).click();
	await author.getByRole('alertdialog').getByRole('button', { name: 'Delen stoppen' }).click();
	await expect(author.getByTestId('share-state')).toHaveText('privé');
	// The reader's open page loses the document at once: the server closed its socket.
	await expect(reader.getByText(/Je toegang tot dit werkblad is ingetrokken/)).toBeVisible();
	await expect(shared).toHaveCount(0);
	await reader.reload();
	await expect(reader.getByRole('heading', { level: 1 })).not.toHaveText(title);

	await author.context().close();
	await reader.context().close();
});

test('the group pages pass axe and fit a 360 px phone (screenshots)', async ({ browser }) => {
	test.setTimeout(120_000);
	const member = await person(browser, LOTTE);
	await visit(member, '/groups');
	await expect(member.getByRole('heading', { level: 1 })).toBeVisible();
	await shoot(member, 'my-groups');
	await openGroup(member);
	await shoot(member, 'group');
	await member.getByRole('link', { name: 'Intervisienotities' }).click();
	await expect(member.getByText('Live verbonden')).toBeVisible();
	await shoot(member, 'document');
	await member.goBack();
	await member.getByRole('link', { name: 'Wat ik nog niet durf te zeggen' }).click();
	await expect(member.getByText('Privé: alleen jij ziet deze reflectie.')).toBeVisible();
	await shoot(member, 'reflection');

	const coach = await person(browser, { email: 'procescoach@example.org' });
	await openGroup(coach);
	await shoot(coach, 'group-coach');

	const coordinator = await person(browser, { email: 'coordinator@example.org' });
	await visit(coordinator, '/programs');
	await coordinator.getByRole('link', { name: 'Lerende gemeenschap schoolleiders' }).click();
	await coordinator.getByRole('link', { name: 'Groepen' }).click();
	await expect(coordinator.getByRole('heading', { level: 2, name: 'Groepen' })).toBeVisible();
	await shoot(coordinator, 'coordinator-groups');

	for (const page of [member, coach, coordinator]) await page.context().close();
});

test('the process coach hands the group over; a member then plans the next meeting', async ({
	browser
}) => {
	const member = await person(browser, NADIA);
	await openGroup(member);
	const meetings = `${new URL(member.url()).pathname}/meetings`;
	await visit(member, meetings);
	await expect(member.getByRole('heading', { level: 1, name: 'Bijeenkomsten' })).toBeVisible();
	// Until the hand-over only the process coach plans.
	const plan = member.getByRole('button', { name: 'Bijeenkomst plannen' });
	await expect(plan).toHaveCount(0);

	const coach = await person(browser, { email: 'procescoach@example.org' });
	await openGroup(coach);
	await coach.getByRole('button', { name: 'Overdragen: de groep wordt zelfsturend' }).click();
	await coach
		.getByRole('alertdialog')
		.getByRole('button', { name: 'Overdragen: de groep wordt zelfsturend' })
		.click();
	await expect(coach.getByTestId('self-steering')).toContainText('Zelfsturend sinds');
	await expect(
		coach.getByRole('button', { name: 'Overdragen: de groep wordt zelfsturend' })
	).toHaveCount(0);

	// The member's open page shows the planner as soon as the group steers itself.
	await expect(plan).toBeVisible();
	await visit(coach, meetings);
	await expect(coach.getByRole('heading', { level: 1, name: 'Bijeenkomsten' })).toBeVisible();

	const place = 'Het Anker, refter';
	const day = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
	await member.getByLabel('Datum (verplicht)', { exact: true }).fill(day);
	await member.getByLabel('Uur (verplicht)', { exact: true }).fill('14:00');
	// The school whose turn it is (the demo's three others hosted already) is proposed as host and
	// fills in the place; the member chooses another school and adds the room.
	const host = member.getByLabel('Gastschool', { exact: true });
	await expect(host.locator('option:checked')).toHaveText('Sint-Jozefschool');
	await expect(member.getByLabel('Plaats', { exact: true })).toHaveValue('Sint-Jozefschool');
	await host.selectOption({ label: 'Het Anker' });
	await expect(member.getByLabel('Plaats', { exact: true })).toHaveValue('Het Anker');
	await member.getByLabel('Plaats', { exact: true }).fill(place);
	await plan.click();
	await expect(member.getByTestId('group-meetings')).toContainText(place);
	await expect(member.getByTestId('group-meetings')).toContainText('Te gast bij Het Anker');
	// The process coach, now a guest, sees the meeting the member planned without reloading.
	await expect(coach.getByTestId('group-meetings')).toContainText(place);

	for (const page of [member, coach]) await page.context().close();
});
