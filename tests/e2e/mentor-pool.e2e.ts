import { expect, test, type Browser, type Page } from './fixtures';
import { signIn, visit } from './helpers';

/**
 * The teacher-induction programme is a pool of mentors (demo: mentor-pool-demo.ts): Lotte
 * Vermeulen has two workspaces, named by mentor and label; the school leader who evaluates her
 * gets a 404 on both; the coordinator sees the mentor model and who evaluates whom. Read-only.
 */
const PROGRAMME = 'Aanvangsbegeleiding beginnende leraren';

async function person(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

test('a teacher with two mentors; her evaluator is refused both workspaces', async ({
	browser
}) => {
	const [teacher, leader, coordinator] = await Promise.all([
		person(browser, 'mentee6@example.org'),
		person(browser, 'directeur@example.org'),
		person(browser, 'coordinator@example.org')
	]);

	await visit(teacher, '/pairs');
	const cards = teacher.getByRole('listitem').filter({ hasText: PROGRAMME });
	await expect(cards).toHaveCount(2);
	const paths: string[] = [];
	for (const [mentor, label] of [
		['Kris Mertens', 'vakmentor'],
		['Nadia Wuyts', 'schoolmentor']
	]) {
		const card = cards.filter({ hasText: mentor });
		await expect(card.getByTestId('pair-label')).toHaveText(label);
		const href = await card.getByRole('link', { name: new RegExp(mentor) }).getAttribute('href');
		paths.push(new URL(href ?? '', teacher.url()).pathname);
	}
	expect(paths[0]).not.toBe(paths[1]);

	for (const path of paths) {
		const response = await leader.request.get(path);
		expect(response.status()).toBe(404);
	}

	await visit(coordinator, '/programs');
	const href = await coordinator
		.getByRole('link', { name: PROGRAMME, exact: true })
		.first()
		.getAttribute('href');
	await visit(coordinator, `${new URL(href ?? '', coordinator.url()).pathname}/pairs`);
	await expect(coordinator.getByTestId('pool-state')).toHaveText('Pool van mentoren: aan');
	await expect(coordinator.getByTestId('evaluators')).toContainText(
		'Marc Desmet evalueert Lotte Vermeulen'
	);
});
