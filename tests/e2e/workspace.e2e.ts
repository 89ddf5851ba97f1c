import { expect, test, type Browser, type Locator, type Page } from './fixtures';
import { signIn, waitForHydrationOnGoto, watchCsp, visit } from './helpers';

const MENTOR = { email: 'mentor1@example.org', name: 'Carla Peeters' };
const MENTEE = { email: 'mentee1@example.org', name: 'Fien Claes' };

async function personIn(browser: Browser, email: string) {
	const context = await browser.newContext();
	const cspViolations = await watchCsp(context);
	const page = await context.newPage();
	await signIn(page, email);
	return { context, page, cspViolations };
}

/** Opens a sheet and waits until it is live: connected and synced with the server. */
async function openSheet(page: Page, pairPath: string, key: string) {
	await visit(page, `${pairPath}/sheets/${key}`);
	await expect(page.getByText('Live verbonden')).toBeVisible();
}

/**
 * Opens a field's comment thread: the small button beside the field, named with the number of
 * open comments ("Opmerkingen bij “Waarom”: één open opmerking"). Returns the thread's region.
 */
async function openComments(page: Page, field: string) {
	const toggle = page.getByRole('button', { name: new RegExp(`^Opmerkingen bij “${field}”`) });
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	return page.getByRole('region', { name: `Opmerkingen bij “${field}”` });
}

/** The text of a rich-text editor without the other people's caret labels. */
function editorText(editor: Locator): Promise<string> {
	return editor.evaluate((element) => {
		const copy = element.cloneNode(true) as HTMLElement;
		for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
		return copy.textContent ?? '';
	});
}

/** Whether this device's IndexedDB copy of an open document holds `text` (Yjs stores strings as UTF-8). */
function storedLocally(page: Page, text: string): Promise<boolean> {
	return page.evaluate(async (needle) => {
		const bytes = new TextEncoder().encode(needle);
		const names = (await indexedDB.databases()).map((d) => d.name ?? '');
		for (const name of names.filter((n) => n.startsWith('pair/'))) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const updates = await new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction('updates').objectStore('updates').getAll();
				request.onsuccess = () => resolve(request.result as unknown[]);
				request.onerror = () => reject(request.error);
			});
			db.close();
			for (const update of updates) {
				if (!(update instanceof Uint8Array)) continue;
				for (let i = 0; i + bytes.length <= update.length; i++) {
					if (bytes.every((b, j) => update[i + j] === b)) return true;
				}
			}
		}
		return false;
	}, text);
}

/** The mentee's VM-PRO pair with the mentor, from the pairs page: its path. */
async function youthPairPath(page: Page): Promise<string> {
	await visit(page, '/pairs');
	const pairLink = page
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link', { name: new RegExp(MENTOR.name) })
		.first();
	return new URL((await pairLink.getAttribute('href')) ?? '', page.url()).pathname;
}

/** Reloads an offline page: the service worker serves its stored copy, which says it is offline. */
async function reloadOffline(page: Page, scope: Page | Locator = page) {
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(
		scope.getByText('Offline — je wijzigingen worden op dit toestel bewaard')
	).toBeVisible();
}

/** How long ago a comment's `<time datetime>` is (negative: in the future), in ms. */
async function postedAgo(time: Locator): Promise<number> {
	return Date.now() - Date.parse((await time.getAttribute('datetime')) ?? '');
}

test('mentor and mentee work in the same worksheet live, sign it, and the mentee edits offline', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const mentor = await personIn(browser, MENTOR.email);
	const mentee = await personIn(browser, MENTEE.email);
	const a = mentor.page;
	const b = mentee.page;

	await visit(b, '/pairs');
	// Other tests may pair the same people in other programmes: take the VM-PRO pair.
	const pairLink = b
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link', { name: new RegExp(MENTOR.name) });
	// Links may be relative (SvelteKit's `paths.relative`): resolve against the page.
	const pair = new URL((await pairLink.getAttribute('href')) ?? '', b.url()).pathname;
	expect(pair).toMatch(/^\/pairs\/[0-9a-f-]{36}$/);

	await test.step('both open PS1 and see each other', async () => {
		await Promise.all([openSheet(a, pair, 'PS1'), openSheet(b, pair, 'PS1')]);
		await expect(a.getByText(`${MENTEE.name} is hier`)).toBeVisible();
		await expect(b.getByText(`${MENTOR.name} is hier`)).toBeVisible();
	});

	await test.step('typing in different fields at once', async () => {
		const menteeName = 'Voornaam en naam van de mentee';
		const mentorName = 'Voornaam en naam van de mentor';
		await Promise.all([
			b.getByLabel(menteeName, { exact: true }).pressSequentially('Fien C.'),
			a.getByLabel(mentorName, { exact: true }).pressSequentially('Carla P.')
		]);
		await expect(a.getByLabel(menteeName, { exact: true })).toHaveValue('Fien C.');
		await expect(b.getByLabel(mentorName, { exact: true })).toHaveValue('Carla P.');
		// Presence says which field the other person is in.
		await expect(a.getByText(`${MENTEE.name} is hier — in “${menteeName}”`)).toBeVisible();
		// The outline counts each section's filled fields live, on both sides.
		for (const page of [a, b]) {
			const outline = page.getByRole('navigation', { name: 'Inhoud van het werkblad' });
			await expect(outline.getByRole('link', { name: /^Gegevens/ })).toContainText('2/4');
		}
	});

	await test.step('typing in the same rich-text field at once, with carets', async () => {
		const editorA = a.getByRole('textbox', { name: 'Waarom', exact: true });
		const editorB = b.getByRole('textbox', { name: 'Waarom', exact: true });
		await editorB.click();
		await editorB.pressSequentially('Omdat ik graag met mensen werk.');
		await expect(editorA).toContainText('Omdat ik graag met mensen werk.');
		await editorA.click();
		// The mentor writes at the start while the mentee goes on at the end.
		await a.keyboard.press('Control+Home');
		await b.keyboard.press('Control+End');
		await Promise.all([
			editorA.pressSequentially('Vraag van de mentor: '),
			editorB.pressSequentially(' En ik wil leren.')
		]);
		for (const editor of [editorA, editorB]) {
			await expect
				.poll(() => editorText(editor))
				.toBe('Vraag van de mentor: Omdat ik graag met mensen werk. En ik wil leren.');
		}
		await expect(editorA.locator('.collaboration-carets__label')).toHaveText(MENTEE.name);
		await expect(editorB.locator('.collaboration-carets__label')).toHaveText(MENTOR.name);
	});

	await test.step('the mentor comments on the answer and the mentee sees it live', async () => {
		await openComments(a, 'Waarom');
		await a.getByLabel('Je opmerking bij “Waarom”').fill('Kun je een voorbeeld geven?');
		await a.getByRole('button', { name: 'Opmerking plaatsen' }).click();
		// The mentee sees the count beside the field at once, and opens the thread.
		await expect(
			b.getByRole('button', { name: 'Opmerkingen bij “Waarom”: één open opmerking' })
		).toBeVisible();
		const thread = await openComments(b, 'Waarom');
		await expect(thread.getByText('Kun je een voorbeeld geven?')).toBeVisible();
		await expect(thread.getByText(MENTOR.name)).toBeVisible();
		// The time shown is the server's, written when it accepted the comment.
		expect(Math.abs(await postedAgo(thread.locator('time').first()))).toBeLessThan(5 * 60_000);
		await thread.getByRole('button', { name: 'Antwoorden' }).click();
		await b.getByLabel('Je antwoord').fill('Ja, op de stage.');
		await b.getByRole('button', { name: 'Antwoord plaatsen' }).click();
		await expect(a.getByText('Ja, op de stage.')).toBeVisible();
		// Both sides see who wrote what: the reply is the mentee's, the thread the mentor's.
		for (const page of [a, b]) {
			const comments = page.getByRole('region', { name: 'Opmerkingen bij “Waarom”' });
			await expect(comments.getByRole('list', { name: 'Antwoorden' })).toContainText(MENTEE.name);
			await expect(comments.locator('.thread > .meta')).toContainText(MENTOR.name);
		}
		await a
			.getByRole('region', { name: 'Opmerkingen bij “Waarom”' })
			.getByRole('button', { name: 'Afhandelen' })
			.click();
		await expect(thread.getByText('Afgehandelde opmerkingen (1)')).toBeVisible();
	});

	await test.step('both sign the agreement; an edit afterwards asks to sign again', async () => {
		await Promise.all([openSheet(a, pair, '01-agreement'), openSheet(b, pair, '01-agreement')]);
		await a.getByRole('button', { name: 'Ondertekenen' }).click();
		await expect(a.getByText('Je hebt de huidige inhoud ondertekend.')).toBeVisible();
		// The mentee sees the mentor's signature without reloading.
		await expect(b.getByText(`Ondertekend door ${MENTOR.name}`)).toBeVisible();
		await b.getByRole('button', { name: 'Ondertekenen' }).click();
		await expect(b.getByText('Je hebt de huidige inhoud ondertekend.')).toBeVisible();
		await expect(b.getByText(`Ondertekend door ${MENTOR.name}`)).toBeVisible();
		await expect(b.getByText(`Ondertekend door ${MENTEE.name}`)).toBeVisible();
		await expect(a.getByText(`Ondertekend door ${MENTEE.name}`)).toBeVisible();

		await b.getByRole('checkbox', { name: /^Het programma volgen/ }).check();
		await expect(a.getByRole('checkbox', { name: /^Het programma volgen/ })).toBeChecked();
		const changed = 'Gewijzigd sinds de ondertekening — onderteken opnieuw.';
		await expect(b.getByText(changed)).toBeVisible();
		await expect(a.getByText(changed)).toBeVisible();
		// The server agrees after a reload (it compares the content hash with the signed one).
		await a.reload();
		await expect(a.getByText(changed)).toBeVisible();
		await expect(a.getByRole('button', { name: 'Ondertekenen' })).toBeVisible();
	});

	await test.step('table rows and per-person answers are shared too', async () => {
		await Promise.all([openSheet(a, pair, 'V1'), openSheet(b, pair, 'V1')]);
		await a
			.getByRole('group', { name: 'Doelen' })
			.getByRole('button', { name: 'Rij toevoegen' })
			.click();
		const rowB = b.getByRole('group', { name: 'Doelen' }).getByRole('group', { name: 'Rij 1' });
		await rowB.getByLabel('Synchronisatie').fill('Eind november');
		const rowA = a.getByRole('group', { name: 'Doelen' }).getByRole('group', { name: 'Rij 1' });
		await expect(rowA.getByLabel('Synchronisatie')).toHaveValue('Eind november');

		await Promise.all([openSheet(a, pair, 'statements-20'), openSheet(b, pair, 'statements-20')]);
		const first = (page: Page) => page.locator('[data-field="statement-01"]');
		await first(b)
			.getByRole('radiogroup', { name: 'Mentee' })
			.getByRole('radio', { name: 'Eens', exact: true })
			.check();
		const menteeAnswerA = first(a).getByRole('radiogroup', { name: 'Mentee' });
		await expect(menteeAnswerA.getByRole('radio', { name: 'Eens', exact: true })).toBeChecked();
		// Each person answers for themselves.
		await expect(menteeAnswerA.getByRole('radio', { name: 'Eens', exact: true })).toBeDisabled();
	});

	await test.step('the mentee edits offline, reloads offline, and it syncs when back online', async () => {
		await Promise.all([openSheet(a, pair, 'PS1'), openSheet(b, pair, 'PS1')]);
		// The page is stored for offline use once the service worker is active.
		await expect(b.locator('[data-offline-ready="true"]')).toBeAttached();

		await mentee.context.setOffline(true);
		await expect(
			b.getByText('Offline — je wijzigingen worden op dit toestel bewaard')
		).toBeVisible();
		const field = 'Voornaam en naam van de mentee';
		await b.getByLabel(field, { exact: true }).fill('Fien Claes (offline)');
		// A comment written offline: posted when it reaches the server, in the mentee's name.
		await openComments(b, 'Waarom');
		await b.getByLabel('Je opmerking bij “Waarom”').fill('Offline geschreven opmerking');
		await b.getByRole('button', { name: 'Opmerking plaatsen' }).click();
		// Reload only once the edit is in IndexedDB (the diff inserted "laes (offline)" after "Fien C").
		await expect.poll(() => storedLocally(b, 'laes (offline)')).toBe(true);
		await expect.poll(() => storedLocally(b, 'Offline geschreven opmerking')).toBe(true);

		// Served by the service worker from the page's offline copy; the document from IndexedDB.
		const reloaded = await b.reload();
		expect(reloaded?.fromServiceWorker()).toBe(true);
		await expect(
			b.getByText('Offline — je wijzigingen worden op dit toestel bewaard')
		).toBeVisible();
		await expect(b.getByLabel(field, { exact: true })).toHaveValue('Fien Claes (offline)');
		await expect(a.getByLabel(field, { exact: true })).toHaveValue('Fien C.');

		await mentee.context.setOffline(false);
		await expect(b.getByText('Live verbonden')).toBeVisible();
		await expect(a.getByLabel(field, { exact: true })).toHaveValue('Fien Claes (offline)');
		const offlineComment = (await openComments(a, 'Waarom'))
			.getByRole('listitem')
			.filter({ hasText: 'Offline geschreven opmerking' });
		await expect(offlineComment).toContainText(MENTEE.name);
		expect(Math.abs(await postedAgo(offlineComment.locator('time')))).toBeLessThan(5 * 60_000);
	});

	await test.step("a comment from a device whose clock says 2020 gets the server's time", async () => {
		await b.clock.setFixedTime(new Date('2020-01-01T10:00:00Z'));
		await openComments(b, 'Waarom');
		await b.getByLabel('Je opmerking bij “Waarom”').fill('Mijn klok loopt achter');
		await b.getByRole('button', { name: 'Opmerking plaatsen' }).click();
		for (const page of [a, b]) {
			const posted = page
				.getByRole('region', { name: 'Opmerkingen bij “Waarom”' })
				.getByRole('listitem')
				.filter({ hasText: 'Mijn klok loopt achter' });
			await expect(posted).toContainText(MENTEE.name);
			// The author's own page shows 2020 until the server's stamp arrives.
			await expect
				.poll(async () => Math.abs(await postedAgo(posted.locator('time'))))
				.toBeLessThan(5 * 60_000);
		}
	});

	for (const page of [a, b]) await expect(page.locator('[data-state="refused"]')).toHaveCount(0);
	// Everything above ran under the app's Content-Security-Policy without tripping it.
	expect(mentor.cspViolations).toEqual([]);
	expect(mentee.cspViolations).toEqual([]);
	await mentor.context.close();
	await mentee.context.close();
});

test('a read-only sheet reads as such: plain fields, no comment buttons, a working outline', async ({
	browser
}) => {
	// A pair of the monitoring demo that has ended: its sheets stay readable.
	const { context, page } = await personIn(browser, 'demo-mentor-14@example.org');
	await visit(page, '/pairs');
	const pair = await page
		.getByRole('main')
		.locator('a[href*="/pairs/"]')
		.first()
		.getAttribute('href');
	await visit(page, `${new URL(pair!, page.url()).pathname}/sheets/01-agreement`);
	await expect(page.getByText('Alleen lezen', { exact: true })).toBeVisible();
	await expect(page.getByText('Verbonden: je leest de laatste versie.')).toBeVisible();
	await expect(page.getByLabel('Voornaam, naam van de mentee', { exact: true })).not.toBeEditable();
	// No one can comment, and there is nothing to read: no comment buttons at all.
	await expect(page.getByRole('button', { name: /^Opmerkingen bij/ })).toHaveCount(0);
	const outline = page.getByRole('navigation', { name: 'Inhoud van het werkblad' });
	await outline.getByRole('link', { name: /^Samen/ }).click();
	await expect(page).toHaveURL(/#s-/);
	await expect(
		page.getByRole('heading', { level: 2, name: 'Samen', exact: true })
	).toBeInViewport();
	await context.close();
});

test('signing out everywhere closes the worksheet open in another browser at once', async ({
	browser
}) => {
	const MENTEE3 = 'mentee3@example.org';
	const open = await personIn(browser, MENTEE3);
	const other = await personIn(browser, MENTEE3);
	await open.page.goto('/pairs');
	const pairLink = open.page
		.getByRole('listitem')
		.filter({ hasText: 'VM-PRO jongerenmentoring' })
		.getByRole('link')
		.first();
	const pair = new URL((await pairLink.getAttribute('href')) ?? '', open.page.url()).pathname;
	await openSheet(open.page, pair, 'PS1');

	await other.page.goto('/account');
	await other.page.getByRole('button', { name: 'Overal afmelden' }).click();
	await expect(other.page).toHaveURL(/\/login/);
	// No reload: the server closed the open socket, and the page says why.
	await expect(open.page.getByText('Je bent niet (meer) aangemeld')).toBeVisible({
		timeout: 5_000
	});
	await expect(open.page.getByRole('link', { name: 'Opnieuw aanmelden' })).toBeVisible();
	await Promise.all([open.context.close(), other.context.close()]);
});

test('a sheet opened first on a device opens again offline, without the whole app downloaded', async ({
	browser
}) => {
	// Signed in elsewhere (no service worker there), so the sheet is this device's first page: its
	// files load before the service worker is in control, and the page has to keep them itself.
	const signedIn = await personIn(browser, MENTEE.email);
	const pair = await youthPairPath(signedIn.page);
	const context = await browser.newContext({
		storageState: { cookies: (await signedIn.context.storageState()).cookies, origins: [] }
	});
	await signedIn.context.close();
	const page = await context.newPage();
	waitForHydrationOnGoto(page);
	await openSheet(page, pair, 'PS1');
	await expect(page.locator('[data-offline-ready="true"]')).toBeAttached();

	const shell = await page.evaluate(async () => {
		const loaded = [
			...new Set(
				performance
					.getEntriesByType('resource')
					.map((entry) => new URL(entry.name).pathname)
					.filter((path) => path.startsWith('/_app/immutable/'))
			)
		];
		const name = (await caches.keys()).find((key) => key.startsWith('mentorpad-shell-'));
		const cache = await caches.open(name ?? '');
		const hits = await Promise.all(loaded.map((path) => cache.match(path)));
		return {
			loaded: loaded.length,
			missing: loaded.filter((_, i) => !hits[i]),
			cached: (await cache.keys()).length
		};
	});
	expect(shell.loaded).toBeGreaterThan(10);
	expect(shell.missing).toEqual([]);
	// What this page needs, not the whole build (about 490 files).
	expect(shell.cached).toBeLessThan(shell.loaded + 20);

	const field = page.getByLabel('Voornaam en naam van de mentee', { exact: true });
	const value = await field.inputValue();
	await context.setOffline(true);
	await reloadOffline(page);
	await expect(field).toHaveValue(value);
	await expect(field).toBeEditable();
	await context.close();
});

test('the logbook’s private part is kept on the device: written offline, it reopens offline', async ({
	browser
}) => {
	const mentee = await personIn(browser, MENTEE.email);
	const { page, context } = mentee;
	const pair = await youthPairPath(page);
	await visit(page, `${pair}/logbook`);
	const partOne = page.getByRole('region', { name: 'Eerste deel (privé)' });
	await expect(partOne.getByText('Opgeslagen. Privé: alleen jij kan dit lezen')).toBeVisible();
	await expect(partOne).toHaveAttribute('data-offline-ready', 'true');

	const field = partOne.getByLabel('Naam van de mentee', { exact: true });
	const written = `${MENTEE.name} (offline logboek ${Date.now()})`;
	await context.setOffline(true);
	await expect(
		partOne.getByText('Offline — je wijzigingen worden op dit toestel bewaard')
	).toBeVisible();
	await field.fill(written);
	await expect.poll(() => storedLocally(page, written)).toBe(true);

	await reloadOffline(page, partOne);
	await expect(field).toHaveValue(written);
	await expect(field).toBeEditable();

	// Back online, the private document reaches the server: another device of the mentee reads it.
	await context.setOffline(false);
	await expect(partOne.getByText('Opgeslagen. Privé: alleen jij kan dit lezen')).toBeVisible();
	const otherDevice = await personIn(browser, MENTEE.email);
	await otherDevice.page.goto(`${pair}/logbook`);
	await expect(
		otherDevice.page
			.getByRole('region', { name: 'Eerste deel (privé)' })
			.getByLabel('Naam van de mentee', { exact: true })
	).toHaveValue(written);
	expect([...mentee.cspViolations, ...otherDevice.cspViolations]).toEqual([]);
	await Promise.all([context.close(), otherDevice.context.close()]);
});
