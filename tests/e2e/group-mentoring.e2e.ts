import { expect, test, type Browser } from './fixtures';
import { signIn } from './helpers';

/**
 * Group mentoring (issue #14): two beginning teachers of the demo mentor group find it on their
 * home and co-edit a group sheet live; each one's logbook is theirs alone. (Four people co-editing
 * and every refusal are proven on the real collaboration server in
 * tests/integration/mentor-groups.test.ts.)
 */
async function teacher(browser: Browser, email: string) {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

test('two teachers of a mentor group co-edit its sheet; a logbook stays private', async ({
	browser
}) => {
	const [a, b] = await Promise.all([
		teacher(browser, 'mentee7@example.org'),
		teacher(browser, 'mentee8@example.org')
	]);
	const groupLink = a
		.getByTestId('home-mentor-groups')
		.getByRole('link', { name: 'Startersgroep eerste graad' });
	await expect(groupLink).toBeVisible();
	const group = new URL((await groupLink.getAttribute('href')) ?? '', a.url()).pathname;
	expect(group).toMatch(/^\/mentor-groups\/[0-9a-f-]{36}$/);

	await Promise.all([
		a.goto(`${group}/sheets/lesson-preparation`),
		b.goto(`${group}/sheets/lesson-preparation`)
	]);
	for (const page of [a, b]) await expect(page.getByText('Live verbonden')).toBeVisible();
	await a.getByLabel('Vak of leergebied', { exact: true }).pressSequentially('Wiskunde');
	await expect(b.getByLabel('Vak of leergebied', { exact: true })).toHaveValue('Wiskunde');
	await expect(b.getByText('Ruben De Smet is hier')).toBeVisible();

	// Each teacher's logbook is their own document: what A writes never reaches B's.
	await Promise.all([a.goto(`${group}/logbook`), b.goto(`${group}/logbook`)]);
	for (const page of [a, b]) {
		await expect(page.getByText(/Alleen jij leest je logboek/)).toBeVisible();
		await expect(page.getByText(/^Opgeslagen\. Privé/)).toBeVisible();
	}
	await a.getByRole('textbox', { name: 'Opmerkingen', exact: true }).click();
	await a.keyboard.type('Alleen voor mij');
	await expect(a.getByRole('textbox', { name: 'Opmerkingen', exact: true })).toContainText(
		'Alleen voor mij'
	);
	await b.reload();
	await expect(b.getByText(/^Opgeslagen\. Privé/)).toBeVisible();
	await expect(b.getByRole('textbox', { name: 'Opmerkingen', exact: true })).not.toContainText(
		'Alleen voor mij'
	);
});
