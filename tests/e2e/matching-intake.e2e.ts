import { expect, test } from './fixtures';
import { signIn, visit } from './helpers';

test('the coordinator reads a mentee’s intake answers and the reasons with availability and region', async ({
	page
}) => {
	await signIn(page, 'coordinator@example.org');
	await visit(page, '/programs');
	const href = await page
		.getByRole('link', { name: 'Startende schoolleiders 2026–2027' })
		.getAttribute('href');
	const base = /\/programs\/[0-9a-f-]{36}/.exec(href ?? '')?.[0];
	expect(base).toBeTruthy();

	// From the people list: the answers with the form's labels, never its keys.
	await visit(page, `${base}/people`);
	await page
		.getByRole('row', { name: /Fien Claes/ })
		.getByRole('link', { name: /Intake-antwoorden/ })
		.click();
	await expect(
		page.getByRole('heading', { name: 'Intake-antwoorden van Fien Claes' })
	).toBeVisible();
	const answers = page.getByTestId('intake-answers');
	await expect(answers).toContainText('Regio / plaats');
	await expect(answers).toContainText('Antwerpen');
	await expect(answers).toContainText('Weekdagen – avond');
	await expect(answers).not.toContainText('weekday-evening');

	// The matching screen explains the proposal with the moments and the region both gave.
	await visit(page, `${base}/matching`);
	const proposal = page.getByTestId('proposal').filter({ hasText: 'Fien Claes' });
	await proposal.getByText('Waarom?').click();
	const reasons = proposal.getByTestId('reasons');
	await expect(reasons).toContainText('Beschikbaar op dezelfde momenten: Weekdagen – avond');
	await expect(reasons).toContainText('Zelfde regio: Antwerpen');
	await proposal.getByRole('link', { name: 'Antwoorden van Fien Claes' }).click();
	await expect(page).toHaveURL(/\/intake\/people\/[0-9a-f-]{36}\?from=matching$/);
	await expect(page.getByRole('link', { name: 'Matching' }).first()).toBeVisible();
});
