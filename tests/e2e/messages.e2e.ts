import { expect, test, type Browser, type Page } from './fixtures';
import { hydrated, signIn, watchCsp, visit } from './helpers';
import { seriousViolations } from './axe';

/**
 * The pair's conversation between two real browsers: mentor1 (Carla Peeters) and mentee1 (Fien
 * Claes) in the youth programme. Set UI_SHOTS=/some/dir to also save screenshots.
 */

/** Makes each run's texts its own, so a repeated run on the same server finds only its messages. */
const run = Math.random().toString(36).slice(2, 7);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function person(browser: Browser, email: string) {
	const context = await browser.newContext();
	const csp = await watchCsp(context);
	const page = await context.newPage();
	await signIn(page, email);
	return { context, page, csp };
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

test('a message with a PDF reaches the open page live; reading clears the badge elsewhere', async ({
	browser
}) => {
	const mentor = await person(browser, 'mentor1@example.org');
	const mentee = await person(browser, 'mentee1@example.org');
	const pair = await youthPair(mentor.page, 'Fien Claes');

	// The mentee is on another page (the pair page): the header has the messages link.
	await mentee.page.goto(pair);
	const badge = mentee.page.getByTestId('messages-unread');
	await expect(mentee.page.getByTestId('messages-link')).toBeVisible();
	await expect(badge).toHaveCount(0);

	await mentor.page.goto(`${pair}/messages`);
	await hydrated(mentor.page);
	await expect(mentor.page.getByRole('heading', { name: 'Berichten', level: 1 })).toBeVisible();
	await mentor.page.getByLabel('Bestanden toevoegen').setInputFiles({
		name: 'verslag.pdf',
		mimeType: 'application/pdf',
		buffer: PDF
	});
	const composer = mentor.page.getByLabel('Bericht aan Fien Claes');
	await composer.fill(`Hier is het verslag ${run}. Zie ook #PS1 en https://example.org`);
	await composer.press('Enter');
	await expect(
		mentor.page.getByTestId('message').filter({ hasText: `Hier is het verslag ${run}` })
	).toBeVisible();
	await expect(composer).toHaveValue('');

	// Live, without a reload: the header count on the mentee's other page.
	await expect(badge).toHaveText('1');
	await shoot(mentee.page, 'pair-page-unread-1280');

	// The mentee opens the conversation in a second tab: the message and its PDF are there.
	const conversation = await mentee.context.newPage();
	await visit(conversation, `${pair}/messages`);
	await hydrated(conversation);
	const received = conversation
		.getByTestId('message')
		.filter({ hasText: `Hier is het verslag ${run}` });
	await expect(received).toBeVisible();
	await expect(received.getByRole('link', { name: 'PS1' })).toHaveAttribute(
		'href',
		`${pair}/sheets/PS1`
	);
	await expect(received.getByRole('link', { name: 'https://example.org' })).toHaveAttribute(
		'rel',
		'noopener noreferrer nofollow'
	);
	const file = received.getByRole('link', { name: /verslag\.pdf/ });
	await expect(file).toBeVisible();

	// Reading it clears the badge on the other page, live.
	await expect(badge).toHaveCount(0);

	// The next message appears in the open conversation without a reload.
	await conversation.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
	await composer.fill(`Tot donderdag ${run}!`);
	await composer.press('Enter');
	await expect(
		conversation.getByTestId('message').filter({ hasText: `Tot donderdag ${run}!` })
	).toBeVisible();
	await expect(conversation.getByTestId('live-announcement')).toContainText(
		`Tot donderdag ${run}!`
	);
	expect(await conversation.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(
		42
	);
	// Still read, since the conversation is open; the mentor sees it was read.
	await expect(badge).toHaveCount(0);
	await expect(mentor.page.getByText('Gelezen door Fien Claes')).toBeVisible();

	// The attachment is a download with the safe headers.
	const response = await conversation.request.get((await file.getAttribute('href'))!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="verslag.pdf"/);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	expect(Buffer.from(await response.body())).toEqual(PDF);
	// The coordinator may not have it.
	const coordinator = await person(browser, 'coordinator@example.org');
	const refused = await coordinator.page.request.get((await file.getAttribute('href'))!);
	expect([403, 404]).toContain(refused.status());

	// 360 px: usable, no sideways scroll, axe clean.
	for (const [page, name] of [
		[conversation, 'messages-mentee'],
		[mentor.page, 'messages-mentor']
	] as const) {
		await page.setViewportSize({ width: 1280, height: 900 });
		expect(await seriousViolations(page), name).toEqual([]);
		await shoot(page, `${name}-1280`);
		await page.setViewportSize({ width: 360, height: 740 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		expect(await seriousViolations(page), `${name} at 360 px`).toEqual([]);
		const send = page.getByRole('button', { name: 'Versturen' });
		await send.scrollIntoViewIfNeeded();
		await expect(send).toBeInViewport();
		expect((await page.getByLabel(/^Bericht aan/).boundingBox())!.width).toBeLessThanOrEqual(360);
		await shoot(page, `${name}-360`);
	}
	await mentee.page.setViewportSize({ width: 360, height: 740 });
	await shoot(mentee.page, 'pair-page-360');
	await mentee.page.setViewportSize({ width: 1280, height: 900 });
	await shoot(mentee.page, 'pair-page-1280');
	expect([...mentor.csp, ...mentee.csp]).toEqual([]);
});

test('edit and delete within 15 minutes show as edited and deleted for both', async ({
	browser
}) => {
	const mentor = await person(browser, 'mentor1@example.org');
	const mentee = await person(browser, 'mentee1@example.org');
	const pair = await youthPair(mentor.page, 'Fien Claes');

	// A conversation nobody started says what to do.
	const quiet = await youthPair(mentor.page, 'Gert Willems');
	await mentor.page.goto(`${quiet}/messages`);
	await hydrated(mentor.page);
	await expect(mentor.page.getByText('Nog geen berichten')).toBeVisible();
	await mentor.page.setViewportSize({ width: 360, height: 740 });
	await shoot(mentor.page, 'messages-empty-360');
	await mentor.page.setViewportSize({ width: 1280, height: 900 });

	await mentor.page.goto(`${pair}/messages`);
	await hydrated(mentor.page);
	await mentee.page.goto(`${pair}/messages`);
	await hydrated(mentee.page);
	const composer = mentor.page.getByLabel('Bericht aan Fien Claes');
	await composer.fill(`Eerst zo ${run}`);
	await composer.press('Enter');
	const id = await mentor.page
		.getByTestId('message')
		.filter({ hasText: `Eerst zo ${run}` })
		.getAttribute('data-id');
	const mine = mentor.page.locator(`[data-id="${id}"]`);
	await mine.getByRole('button', { name: 'Bewerken' }).click();
	await mine.getByLabel('Bericht bewerken').fill(`Dan zo ${run}`);
	await mine.getByRole('button', { name: 'Opslaan' }).click();
	const theirs = mentee.page.getByTestId('message').filter({ hasText: `Dan zo ${run}` });
	await expect(theirs).toContainText('bewerkt');

	await expect(mine).toContainText('bewerkt');
	await mine.getByRole('button', { name: 'Verwijderen' }).click();
	await mentor.page.getByRole('alertdialog').getByRole('button', { name: 'Verwijderen' }).click();
	await expect(mine).toContainText('Dit bericht is verwijderd.');
	await expect(mentee.page.locator(`[data-id="${id}"]`)).toContainText(
		'Dit bericht is verwijderd.'
	);
	await expect(mentee.page.getByTestId('message').filter({ hasText: `Dan zo ${run}` })).toHaveCount(
		0
	);
});

test('hostile input over HTTP: executables, huge bodies and floods get clear 4xx answers', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const mentor = await person(browser, 'mentor2@example.org');
	const mentee = await person(browser, 'mentee3@example.org');
	const pair = await youthPair(mentor.page, 'Hanne Goossens');
	await mentor.page.goto(`${pair}/messages`);
	await hydrated(mentor.page);

	const post = (page: Page, body: string, file?: { name: string; bytes: number[] }) =>
		page.evaluate(
			async ({ body, file }) => {
				const form = new FormData();
				form.set('body', body);
				if (file) form.set('files', new File([new Uint8Array(file.bytes)], file.name));
				// As a form posted without JavaScript: the page comes back with the status.
				const response = await fetch('?/post', {
					method: 'POST',
					body: form,
					headers: { accept: 'text/html' }
				});
				return { status: response.status, text: await response.text() };
			},
			{ body, file }
		);

	const elf = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)];
	const executable = await post(mentor.page, 'Verslag', { name: 'verslag.pdf', bytes: elf });
	expect(executable.status).toBe(415);
	expect(executable.text).toContain('Dit soort bestand kan niet');

	const huge = await post(mentor.page, 'a'.repeat(1024 * 1024));
	expect(huge.status).toBe(413);
	expect(huge.text).toContain('Je bericht is te lang');

	// As use:enhance sends it (JSON answer: { type, status }), so 200 posts cost little to answer.
	const flood = await mentor.page.evaluate(async () => {
		const statuses = await Promise.all(
			Array.from({ length: 200 }, (_, i) => {
				const form = new FormData();
				form.set('body', `flood ${i}`);
				return fetch('?/post', {
					method: 'POST',
					body: form,
					headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
				})
					.then((r) => r.json() as Promise<{ type: string; status?: number }>)
					.then((r) => (r.type === 'success' ? 200 : (r.status ?? 0)));
			})
		);
		return statuses;
	});
	// 20 per 10 s: the browser's six connections spread the 200 over a few seconds, so a window
	// may reset once; the exact count is proven in tests/integration/messages.test.ts.
	expect(flood.filter((s) => s === 429).length).toBeGreaterThan(100);
	expect(flood.every((s) => s === 200 || s === 429)).toBe(true);
	// Without JavaScript the refusal is a page that says why. 25 posts at once are more than one
	// window allows, however slowly a busy machine answers them.
	const burst = await Promise.all(
		Array.from({ length: 25 }, (_, i) => post(mentor.page, `one more ${i}`))
	);
	const limited = burst.find((answer) => answer.status === 429);
	expect(limited?.text).toContain('Je verstuurt te veel berichten na elkaar');
	expect(burst.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);

	await mentee.page.goto(`${pair}/messages`);
	await hydrated(mentee.page);
	const reply = await post(mentee.page, `Ik kom er nog door ${run}`);
	expect(reply.status).toBe(200);
	await expect(
		mentee.page.getByTestId('message').filter({ hasText: `Ik kom er nog door ${run}` })
	).toBeVisible();
});
