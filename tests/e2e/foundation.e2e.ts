import { expect, test } from './fixtures';
import { DEMO_PASSWORD, signIn } from './helpers';

test('the embedded start serves /healthz and the Dutch sign-in page', async ({ page, request }) => {
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite', auth: 'local' });
	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(page.getByRole('heading', { name: 'Aanmelden' })).toBeVisible();
});

test('a wrong password gets a clear error and keeps the address', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill('coordinator@example.org');
	await page.getByLabel('Wachtwoord').fill('not-the-password');
	await page.getByRole('button', { name: 'Aanmelden' }).click();
	await expect(page.getByRole('alert')).toContainText('horen niet bij elkaar');
	await expect(page.getByLabel('E-mailadres')).toHaveValue('coordinator@example.org');
});

test('repeated wrong passwords are answered with a wait in seconds, not a lock-out', async ({
	page
}) => {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill('mentee5@example.org');
	const alert = page.getByRole('alert');
	// Three failures are free; then each one makes the next attempt wait a few seconds.
	for (let attempt = 0; attempt < 8; attempt++) {
		await page.getByLabel('Wachtwoord').fill('not-the-password');
		await page.getByRole('button', { name: 'Aanmelden' }).click();
		await expect(alert).toBeVisible();
		if (/seconden? opnieuw/.test((await alert.textContent()) ?? '')) break;
	}
	await expect(alert).toContainText(
		/Te veel mislukte pogingen\. Probeer het over \d+ seconden? opnieuw/
	);
});

test('after sign-in, ?next= only leads to a path on this site', async ({ request, baseURL }) => {
	for (const [next, expected] of [
		['/%5Cevil.example/', '/'],
		['/%09/evil.example', '/'],
		['%2F%2Fevil.example', '/'],
		['/.//evil.example', '/'],
		['http://evil.example', '/'],
		['/pairs', '/pairs']
	]) {
		const response = await request.post(`/login?next=${next}`, {
			form: { email: 'mentor2@example.org', password: DEMO_PASSWORD },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), next).toBe(303);
		expect(response.headers()['location'], next).toBe(expected);
		// Signed in now: the page itself redirects the same way.
		const page = await request.get(`/login?next=${next}`, { maxRedirects: 0 });
		expect(page.headers()['location'], next).toBe(expected);
	}
});

test('coordinator creates a programme and invites a mentee, who joins in another browser', async ({
	browser
}) => {
	const coordinator = await browser.newContext();
	const page = await coordinator.newPage();
	await signIn(page, 'coordinator@example.org');
	await page.getByRole('link', { name: "Mijn programma's", exact: true }).click();
	await expect(page.getByRole('heading', { name: "Mijn programma's" })).toBeVisible();

	await page.getByRole('link', { name: 'Nieuw programma' }).click();
	await page.getByRole('button', { name: 'Nieuw programma' }).click();
	await expect(page.getByRole('alert')).toContainText('Verbeter de gemarkeerde velden.');
	await expect(page.locator('#name-error')).toHaveText('Dit veld is verplicht.');
	await expect(page.getByLabel(/^Naam/)).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel(/^Naam/).fill('Mentoring e2e-test');
	await page.getByLabel('Soort programma').selectOption('teacher_induction');
	await page.getByLabel('Begindatum').fill('2026-09-01');
	await page.getByLabel('Einddatum').fill('2027-06-30');
	await page.getByRole('button', { name: 'Nieuw programma' }).click();
	await expect(page.getByText('Het programma is aangemaakt')).toBeVisible();
	const programUrl = page.url().replace(/\/people.*$/, '');

	await page.getByLabel('E-mailadres').fill('Nieuwe.Mentee@Example.org');
	await page.locator('#invite-role').selectOption('mentee');
	await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	await expect(
		page.getByText('nieuwe.mentee@example.org is uitgenodigd als mentee.')
	).toBeVisible();
	const link = await page.getByTestId('invitation-link').inputValue();
	expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
	await expect(page.getByRole('row', { name: /nieuwe\.mentee@example\.org/ })).toContainText(
		'uitgenodigd'
	);

	const invitee = await browser.newContext();
	const mentee = await invitee.newPage();
	await mentee.goto(link);
	await expect(
		mentee.getByText('Je bent uitgenodigd voor Mentoring e2e-test als mentee.')
	).toBeVisible();
	await mentee.getByLabel('Je naam').fill('Nina Nieuw');
	await mentee.getByLabel('Nieuw wachtwoord').fill('short');
	await mentee.getByLabel('Herhaal het wachtwoord').fill('short');
	await mentee.getByRole('button', { name: 'Account aanmaken en deelnemen' }).click();
	await expect(mentee.getByText('minstens 10 tekens lang')).toBeVisible();
	await mentee.getByLabel('Nieuw wachtwoord').fill('een-goed-wachtwoord');
	await mentee.getByLabel('Herhaal het wachtwoord').fill('een-goed-wachtwoord');
	await mentee.getByRole('button', { name: 'Account aanmaken en deelnemen' }).click();
	await expect(mentee).toHaveURL(programUrl);
	await expect(mentee.getByRole('heading', { name: 'Mentoring e2e-test' })).toBeVisible();
	await expect(mentee.getByText('Jouw rol: mentee')).toBeVisible();

	// The coordinator now sees the mentee as an active member.
	await page.reload();
	await expect(page.getByRole('row', { name: /Nina Nieuw/ })).toContainText('actief');

	// The mentee cannot use the coordinator's pages, and sees no one else's data.
	for (const path of ['/people', '/edit']) {
		const response = await mentee.goto(programUrl + path);
		expect([403, 404]).toContain(response?.status());
		await expect(mentee.locator('body')).not.toContainText('coordinator@example.org');
	}
	const create = await mentee.goto('/programs/new');
	expect(create?.status()).toBe(403);
	const action = await mentee.request.post(programUrl + '/people?/invite', {
		form: { email: 'evil@example.org', role: 'coordinator' },
		headers: { origin: new URL(programUrl).origin }
	});
	expect([403, 404]).toContain(action.status());
	// A programme the mentee is not in answers 404, like one that does not exist.
	const other = await mentee.goto('/programs/00000000-0000-4000-8000-000000000000');
	expect(other?.status()).toBe(404);

	// The used link cannot be used again.
	const again = await browser.newContext();
	const reuse = await again.newPage();
	await reuse.goto(link);
	await expect(reuse.getByText('Deze uitnodiging is al gebruikt')).toBeVisible();

	await Promise.all([coordinator.close(), invitee.close(), again.close()]);
});

test('the interface switches to English and back', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(page.getByRole('heading', { name: 'Aanmelden' })).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
	await signIn(page, 'mentor1@example.org');
	// An offline copy of a document, as a workspace keeps one.
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const request = indexedDB.open('pair/00000000-0000-4000-8000-000000000001/sheet/x');
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
			})
	);
	await page.getByRole('button', { name: 'Afmelden' }).click();
	await expect(page.getByText('Je bent afgemeld.')).toBeVisible();
	// Signing out leaves no offline copies on the device (also when the click came before the
	// page's script ran: the signed-out page clears them then).
	await expect
		.poll(() =>
			page.evaluate(async () =>
				(await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('pair/'))
			)
		)
		.toEqual([]);
	await page.goto('/programs');
	await expect(page).toHaveURL(/\/login\?next=%2Fprograms/);
});
