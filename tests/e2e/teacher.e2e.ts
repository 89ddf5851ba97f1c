import { expect, test, type Browser, type Page } from './fixtures';
import { signIn, visit } from './helpers';

/**
 * The teacher-induction demo pair (Kris Mertens & Lotte Vermeulen, only in that programme):
 * they open the lesson observation together and add a second observed lesson, its own live
 * document; the beginning teacher turns a growth wish of the
 * ten-roles self-assessment into a development-plan goal and the mentor sees it in 04.
 */
const PROGRAMME = 'Aanvangsbegeleiding beginnende leraren';

async function person(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

async function live(page: Page, path: string) {
	await visit(page, path);
	await expect(page.getByText('Live verbonden')).toBeVisible();
}

test('the pair observes a lesson together and a growth wish becomes a plan goal', async ({
	browser
}) => {
	const [mentor, mentee] = await Promise.all([
		person(browser, 'mentor4@example.org'),
		person(browser, 'mentee6@example.org')
	]);
	await visit(mentor, '/pairs');
	const href = await mentor
		.getByRole('listitem')
		.filter({ hasText: PROGRAMME })
		.getByRole('link', { name: /Lotte Vermeulen/ })
		.getAttribute('href');
	const pair = new URL(href ?? '', mentor.url()).pathname;

	// The mentor's pair page shows the teacher's needs rounds, compared.
	await visit(mentor, pair);
	await expect(mentor.getByRole('heading', { name: 'Behoeften van je mentee' })).toBeVisible();
	await expect(mentor.getByTestId('needs-rounds')).toContainText('Ronde 2');

	// The lesson observation, live for both.
	await Promise.all([
		live(mentor, `${pair}/sheets/lesson-observation`),
		live(mentee, `${pair}/sheets/lesson-observation`)
	]);
	await mentor.getByRole('textbox', { name: 'Klas', exact: true }).fill('3 Latijn B');
	await expect(mentee.getByRole('textbox', { name: 'Klas', exact: true })).toHaveValue(
		'3 Latijn B'
	);

	// A second observed lesson: its own live document, listed on the pair page for both.
	await visit(mentor, pair);
	const lessons = mentor.getByRole('group', { name: 'Nieuwe les: Lesobservatie in de klas' });
	await lessons.getByLabel('Klas').fill('4 Frans A');
	await lessons.getByLabel('Vak of leergebied').fill('Frans');
	await lessons.getByRole('button', { name: 'Les toevoegen' }).click();
	await expect(mentor).toHaveURL(/\/sheets\/lesson-observation\?lesson=\d+$/);
	const second = new URL(mentor.url()).pathname + new URL(mentor.url()).search;
	await expect(mentor.getByTestId('lesson-current')).toContainText('4 Frans A · Frans');
	await expect(mentor.getByText('Live verbonden')).toBeVisible();
	await visit(mentee, pair);
	await mentee
		.getByTestId('lessons-lesson-observation')
		.getByRole('link', { name: /4 Frans A/ })
		.click();
	await expect(mentee).toHaveURL(second);
	await expect(mentee.getByText('Live verbonden')).toBeVisible();
	// Not lesson 1's document: its class is empty until someone types it.
	await expect(mentee.getByRole('textbox', { name: 'Klas', exact: true })).toHaveValue('');
	await mentee.getByRole('textbox', { name: 'Klas', exact: true }).fill('4 Frans A');
	await expect(mentor.getByRole('textbox', { name: 'Klas', exact: true })).toHaveValue('4 Frans A');

	// Back to lesson 1 through the lesson bar: the page stays, its document changes. A rich-text
	// field then belongs to lesson 1's document (it once stayed bound to lesson 2's, closed, one).
	const lessonBar = (page: Page) =>
		page.getByRole('navigation', { name: 'Lessen van dit werkblad' });
	await Promise.all(
		[mentor, mentee].map(async (page) => {
			await lessonBar(page).getByRole('link', { name: 'Les 1', exact: true }).click();
			await expect(page).toHaveURL(/\/sheets\/lesson-observation$/);
			await expect(page.getByRole('textbox', { name: 'Klas', exact: true })).toHaveValue(
				'3 Latijn B'
			);
		})
	);
	const goal = 'Lesdoel: wat moeten de leerlingen na de les kennen of kunnen?';
	await mentee.getByRole('textbox', { name: goal, exact: true }).click();
	await mentee.keyboard.type('De leerlingen vertalen een korte tekst');
	await expect(mentor.getByRole('textbox', { name: goal, exact: true })).toContainText(
		'De leerlingen vertalen een korte tekst'
	);

	// A growth wish in the ten roles: once the mentor sees it, the server has it too.
	await Promise.all([
		live(mentor, `${pair}/sheets/teacher-roles`),
		live(mentee, `${pair}/sheets/teacher-roles`)
	]);
	const label = 'Waarin wil ik groeien als opvoeder?';
	const wish = 'Rust brengen in de klas na de speeltijd';
	await mentee.getByRole('textbox', { name: label, exact: true }).click();
	await mentee.keyboard.type(wish);
	await expect(mentor.getByRole('textbox', { name: label, exact: true })).toContainText(wish);
	await mentee
		.getByRole('button', { name: `Als doel in het ontwikkelingsplan: “${label}”` })
		.click();
	await expect(mentee.getByText('Toegevoegd als nieuw doel in het actieplan.')).toBeVisible();

	await live(mentor, `${pair}/sheets/04-development-plan`);
	const plan = mentor.getByRole('group', { name: 'Actieplan' });
	await expect(plan).toContainText('2. De leraar als opvoeder');
	await expect(plan).toContainText(wish);
});
