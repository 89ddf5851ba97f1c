import { expect, test, type Browser, type Page } from './fixtures';
import WebSocket from 'ws';
import { signIn, visit } from './helpers';

async function person(browser: Browser, email: string): Promise<Page> {
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

async function youthPair(page: Page, partner: string): Promise<string> {
	await visit(page, '/pairs');
	const href = await page
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link', { name: new RegExp(partner) })
		.getAttribute('href');
	return new URL(href ?? '', page.url()).pathname;
}

/** Opens the socket as the app's page would: with the person's cookie and the page's Origin. */
function closeCode(url: string, cookie: string, origin: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { headers: { cookie, origin } });
		const timer = setTimeout(() => reject(new Error('no close')), 10_000);
		socket.on('close', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
		socket.on('error', () => undefined);
	});
}

test('the coordinator cannot open a pair sheet: 403 page and a refused WebSocket', async ({
	browser,
	baseURL
}) => {
	const mentor = await person(browser, 'mentor1@example.org');
	const pair = await youthPair(mentor, 'Fien Claes');
	const data = await (await mentor.request.get(`${pair}/sheets/PS1/__data.json`)).text();
	const docName = /pair\/[0-9a-f-]{36}\/sheet\/[0-9a-f-]{36}/.exec(data)?.[0];
	expect(docName).toBeTruthy();

	const coordinator = await person(browser, 'coordinator@example.org');
	const response = await coordinator.goto(`${pair}/sheets/PS1`);
	expect(response?.status()).toBe(403);
	await expect(coordinator.getByRole('alert')).toContainText('geen toegang');
	const cookies = await coordinator.context().cookies();
	const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	expect(
		await closeCode(`${baseURL!.replace('http', 'ws')}/collab/${docName}`, cookie, baseURL!)
	).toBe(4403);
});

test('mentor reports the first meeting and a logbook; coordinator and supporter see them; an exit request reaches the coordinator only', async ({
	browser
}) => {
	const mentor = await person(browser, 'mentor1@example.org');
	const pair = await youthPair(mentor, 'Fien Claes');
	await visit(mentor, pair);
	await expect(mentor.getByText('Plan jullie eerste bijeenkomst')).toBeVisible();
	await mentor.getByText('Plan jullie eerste bijeenkomst').getByRole('link').click();
	await mentor.getByLabel(/^Datum/).fill('2026-12-03');
	await mentor.getByLabel('Uur', { exact: true }).fill('14:30');
	await mentor.getByLabel('Plaats', { exact: true }).fill('Campus De Linde, lokaal 2');
	await mentor.getByLabel('Link voor het videogesprek').fill('geen-link');
	await mentor.getByRole('button', { name: 'Opslaan' }).click();
	await expect(mentor.getByText('Vul een volledige link in')).toBeVisible();
	await mentor.getByLabel('Link voor het videogesprek').fill('');
	await mentor.getByRole('button', { name: 'Opslaan' }).click();
	await expect(mentor).toHaveURL(new RegExp(`${pair}\\?meeting=saved`));
	const ics = await mentor.request.get(`${pair}/meetings/1/invite.ics`);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	expect(await ics.text()).toContain('DTSTART:20261203T133000Z');

	await visit(mentor, `${pair}/logbook`);
	await mentor
		.getByLabel('Moeilijkheden die tijdens het traject zijn ondervonden')
		.fill('Planning liep moeilijk');
	await mentor.getByLabel('Er is een moeilijkheid').check();
	await mentor.getByRole('button', { name: 'Versturen naar de coördinator' }).click();
	await expect(mentor.getByText('Verstuurd. Dank je wel.')).toBeVisible();

	const mentee = await person(browser, 'mentee1@example.org');
	const menteePair = await youthPair(mentee, 'Carla Peeters');
	await visit(mentee, `${menteePair}/exit`);
	await mentee.getByLabel('Waarom wil je stoppen?').fill('We vinden geen gemeenschappelijk moment');
	await mentee.getByRole('button', { name: 'Vraag versturen' }).click();
	await expect(mentee.getByText('Je vraag is verstuurd')).toBeVisible();

	const coordinator = await person(browser, 'coordinator@example.org');
	const youth = await programId(coordinator, 'VM-PRO jongerenmentoring');
	await visit(coordinator, `/programs/${youth}/pairs`);
	await expect(coordinator.getByRole('row', { name: /Fien Claes/ })).toContainText(
		'Campus De Linde, lokaal 2'
	);
	await visit(coordinator, `/programs/${youth}/inbox`);
	await expect(coordinator.getByText('Planning liep moeilijk')).toBeVisible();
	await expect(
		coordinator
			.getByTestId('exit-request')
			.filter({ hasText: 'We vinden geen gemeenschappelijk moment' })
	).toBeVisible();

	const supporter = await person(browser, 'ondersteuner@example.org');
	await visit(supporter, `/programs/${youth}/inbox`);
	await expect(supporter.getByText('Planning liep moeilijk')).toBeVisible();

	// The other person of the pair never sees the request.
	const response = await mentor.goto(`/programs/${youth}/inbox`);
	expect(response?.status()).toBe(403);
	await visit(mentor, pair);
	await expect(mentor.locator('body')).not.toContainText('gemeenschappelijk moment');
});

test('the coordinator co-signs the confidentiality agreement from its text only', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	const youth = await programId(coordinator, 'VM-PRO jongerenmentoring');
	await visit(coordinator, `/programs/${youth}/pairs`);
	await coordinator
		.getByRole('row', { name: /Hanne Goossens/ })
		.getByRole('link', { name: 'Ondertekenen' })
		.click();
	await expect(
		coordinator.getByRole('heading', { name: 'Vertrouwelijkheidsovereenkomst ondertekenen' })
	).toBeVisible();
	// A signature cannot be withdrawn: the page asks first, then confirms with a toast.
	await coordinator.getByRole('button', { name: 'Ik onderteken als coördinator' }).click();
	const question = coordinator.getByRole('alertdialog');
	await expect(question).toContainText('niet intrekken');
	await question.getByRole('button', { name: 'Ik onderteken als coördinator' }).click();
	await expect(
		coordinator.getByRole('status').filter({ hasText: 'Je handtekening is opgeslagen.' })
	).toBeVisible();
	await expect(coordinator.getByText(/Je ondertekende op/)).toBeVisible();
});

test('the coordinator runs matching, swaps a pair and confirms; the mentor finds the new mentee', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	const induction = await programId(coordinator, 'Aanvangsbegeleiding beginnende leraren');
	await visit(coordinator, `/programs/${induction}/matching`);
	const proposals = coordinator.getByTestId('proposal');
	await expect(proposals).toHaveCount(5);
	const first = proposals.first();
	const mentee = (await first.locator('strong').first().textContent())!;
	const select = first.getByRole('combobox');
	const options = await select.locator('option').allTextContents();
	const current = await select.inputValue();
	const other = (
		await select
			.locator('option')
			.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
	).find((v) => v !== current)!;
	expect(options.length).toBeGreaterThan(1);
	await select.selectOption(other);
	await first.getByRole('button', { name: 'Wisselen' }).click();
	const swapped = coordinator.getByTestId('proposal').filter({ hasText: mentee });
	await expect(swapped).toContainText('vergrendeld');
	const mentorName = (await swapped.locator('strong').nth(1).textContent())!;
	await swapped.getByText('Waarom?').click();
	await expect(swapped.getByRole('listitem').filter({ hasText: 'Expertise' })).toBeVisible();

	await coordinator
		.getByRole('button', { name: 'Koppels bevestigen en aan elkaar voorstellen' })
		.click();
	// Creating pairs sends e-mails: the page asks first.
	const question = coordinator.getByRole('alertdialog');
	await expect(question).toContainText(/koppels? bevestigen\?/);
	await question.getByRole('button', { name: 'Bevestigen en e-mails versturen' }).click();
	await expect(
		coordinator.getByRole('status').filter({ hasText: /koppels? aangemaakt/ })
	).toBeVisible();
	await visit(coordinator, `/programs/${induction}/pairs`);
	await expect(coordinator.getByRole('row', { name: new RegExp(mentee) })).toContainText(
		mentorName
	);

	const emails: Record<string, string> = {
		'Carla Peeters': 'mentor1@example.org',
		'Dirk Janssens': 'mentor2@example.org',
		'Els Maes': 'mentor3@example.org'
	};
	const mentor = await person(browser, emails[mentorName]);
	await visit(mentor, '/pairs');
	const newPair = mentor
		.getByRole('listitem')
		.filter({ hasText: 'Aanvangsbegeleiding' })
		.getByRole('link', { name: new RegExp(mentee) });
	await expect(newPair).toBeVisible();
	// The introduction: the partner's contact details and the request to plan the first meeting.
	await newPair.click();
	await expect(
		mentor.getByText(new RegExp(`Je mentee: ${mentee} \\(mentee\\d@example\\.org\\)`))
	).toBeVisible();
	await expect(mentor.getByText('Plan jullie eerste bijeenkomst')).toBeVisible();
});

test('a mentee fills the intake form with the sheet renderer; the coordinator sees it was submitted', async ({
	browser
}) => {
	const mentee = await person(browser, 'mentee5@example.org');
	const programme = await programId(mentee, 'Startende schoolleiders 2026–2027');
	await visit(mentee, `/programs/${programme}/intake`);
	await mentee.getByRole('link', { name: 'Zelfevaluatieformulier mentee' }).click();
	await mentee.getByLabel('Financiën en infrastructuur').first().check();
	await mentee.getByLabel('Regio / plaats').fill('Gent');
	await mentee.getByRole('button', { name: 'Indienen' }).click();
	await expect(mentee.getByText('je antwoorden zijn ingediend')).toBeVisible();

	const coordinator = await person(browser, 'coordinator@example.org');
	await visit(coordinator, `/programs/${programme}/intake`);
	// The demo already holds Jana's first intake (matching-demo.ts); this is her second.
	await expect(coordinator.getByRole('row', { name: /Jana Wouters/ })).toContainText(
		'Zelfevaluatieformulier mentee (2×)'
	);
});

test('the coordinator saves the programme self-evaluation and prints its report', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	const youth = await programId(coordinator, 'VM-PRO jongerenmentoring');
	await visit(coordinator, `/programs/${youth}/self-evaluation`);
	await coordinator.getByLabel('Ons programma heeft zeer duidelijke doelstellingen.').check();
	await coordinator.getByRole('button', { name: 'Zelfevaluatie opslaan' }).click();
	await expect(coordinator.getByText('De zelfevaluatie is opgeslagen.')).toBeVisible();
	await visit(coordinator, `/programs/${youth}/self-evaluation/report`);
	await expect(
		coordinator
			.getByRole('listitem')
			.filter({ hasText: 'Ons programma heeft zeer duidelijke doelstellingen.' })
	).toContainText('☑');
	await expect(
		coordinator.getByRole('listitem').filter({ hasText: 'Iedereen die betrokken is' })
	).toContainText('☐');
});

test('signing out closes the sheets that are still open in another tab', async ({ browser }) => {
	const sheet = await person(browser, 'mentor2@example.org');
	const pair = await youthPair(sheet, 'Hanne Goossens');
	await visit(sheet, `${pair}/sheets/PS1`);
	await expect(sheet.getByText('Live verbonden')).toBeVisible();
	const other = await sheet.context().newPage();
	await visit(other, '/account');
	await other.getByRole('button', { name: 'Overal afmelden' }).click();
	await expect(other.getByText('Je bent afgemeld.')).toBeVisible();
	await expect(sheet.getByText('Je bent niet (meer) aangemeld.')).toBeVisible();
});
