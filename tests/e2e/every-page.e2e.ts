import { expect, test, type Browser, type Page } from './fixtures';
import { DEMO_PASSWORD, followLink, hydrated, signIn, visit } from './helpers';
import { LANGUAGE_RULES, seriousViolations } from './axe';

/**
 * Every page each role can reach, on a 360 px phone: nothing scrolls sideways and axe finds nothing
 * serious or critical, every rule, in Dutch (the longer words: the language a page overflows in
 * first). In English every page is rendered by the server and must answer in English; the mentee's
 * pages and the first screens anyone sees (sign-in, reset, invitation) are also checked in the
 * browser in English, with the axe rules whose outcome the words can change (`LANGUAGE_RULES`:
 * names, labels, titles, `lang`, regions that overflow). That every English text exists, is not
 * empty, takes the Dutch one's inputs and has no Dutch left is tests/unit/messages-quality.test.ts's. One
 * browser context per role, signed in once. Every finding is collected (soft assertions), so one
 * run lists them all.
 */

const PHONE = { width: 360, height: 740 };
const YOUTH = 'VM-PRO jongerenmentoring';
const INDUCTION = 'Aanvangsbegeleiding beginnende leraren';
const LEADERS = 'Startende schoolleiders 2026–2027';
const COMMUNITY = 'Lerende gemeenschap schoolleiders';
/** Pages under /account every signed-in person has: data export, portfolio, check-ins, notifications. */
const ACCOUNT_PAGES = [
	'/account/security',
	'/account/export',
	'/account/portfolio',
	'/checkins',
	'/notifications'
];
/** One sheet of each kind: an agreement, a table sheet, a PS sheet with rich text, the plan. */
const SHEETS = ['01-agreement', 'PS2', 'PS1', '04-development-plan'];

async function setLanguage(page: Page, locale: 'nl' | 'en', origin: string) {
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: origin }]);
}

/**
 * Visits each path in one language and checks it. The first path is loaded, the others are opened
 * as a link in the app opens them (`followLink`: a third of the CPU of loading each page); the
 * server's answer to loading each path is checked apart, without rendering it.
 */
async function sweep(page: Page, locale: 'nl' | 'en', paths: string[], origin: string) {
	await setLanguage(page, locale, origin);
	for (const [index, path] of paths.entries()) {
		const where = `${locale} ${path}`;
		const response = await page.request.get(path);
		expect.soft(response.status(), where).toBeLessThan(400);
		await response.dispose();
		if (index === 0) {
			await page.goto(path);
			await hydrated(page);
		} else await followLink(page, path);
		await expect(page, where).toHaveURL((url) => url.pathname + url.search === path);
		await expect(page.locator('html')).toHaveAttribute('lang', locale === 'nl' ? /^nl/ : /^en/);
		await expect(page.locator('h1, h2').first()).toBeVisible();
		expect
			.soft(await page.evaluate(() => document.documentElement.scrollWidth), where)
			.toBeLessThanOrEqual(PHONE.width);
		const rules = locale === 'nl' ? undefined : LANGUAGE_RULES;
		expect.soft(await seriousViolations(page, rules), where).toEqual([]);
	}
}

/**
 * Visits each path in Dutch and checks it, and checks the server's English answer to each. With
 * `englishInBrowser` the English sweep runs in the browser too, at the same time in a second
 * browser context with the same cookies (the same person).
 */
async function checkAll(page: Page, paths: string[], { englishInBrowser = false } = {}) {
	const origin = new URL(page.url()).origin;
	if (!englishInBrowser) {
		await sweep(page, 'nl', paths, origin);
		await englishAnswers(page, paths, origin);
		return;
	}
	const english = await page
		.context()
		.browser()!
		.newContext({ viewport: PHONE, storageState: await page.context().storageState() });
	try {
		await Promise.all([
			sweep(page, 'nl', paths, origin),
			sweep(await english.newPage(), 'en', paths, origin)
		]);
	} finally {
		await english.close();
	}
	await setLanguage(page, 'nl', origin);
}

/** Each path as the server renders it with English chosen: a page, in English, with a title. */
async function englishAnswers(page: Page, paths: string[], origin: string) {
	await setLanguage(page, 'en', origin);
	try {
		for (const path of paths) {
			const where = `en ${path}`;
			const response = await page.request.get(path);
			expect.soft(response.status(), where).toBeLessThan(400);
			const html = await response.text();
			expect.soft(html, where).toMatch(/<html[^>]* lang="en/);
			expect.soft(/<title>([^<]+)<\/title>/.exec(html)?.[1]?.trim(), where).toBeTruthy();
		}
	} finally {
		await setLanguage(page, 'nl', origin);
	}
}

async function person(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ viewport: PHONE });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function programPath(page: Page, name: string): Promise<string> {
	await visit(page, '/programs');
	const href = await page.getByRole('link', { name, exact: true }).first().getAttribute('href');
	const path = new URL(href ?? '', page.url()).pathname;
	expect(path).toMatch(/^\/programs\/[0-9a-f-]{36}$/);
	return path;
}

/** The programme's tabs this person sees, from the tab bar itself (none for an observer). */
async function tabsOf(page: Page, program: string): Promise<string[]> {
	await visit(page, program);
	const hrefs = await page
		.locator('main nav.tab-links')
		.getByRole('link')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	return [...new Set([program, ...hrefs])];
}

async function pairPath(page: Page, partner: string): Promise<string> {
	await visit(page, '/pairs');
	const href = await page
		.getByRole('listitem')
		.filter({ hasText: YOUTH })
		.getByRole('link', { name: new RegExp(partner) })
		.first()
		.getAttribute('href');
	return new URL(href ?? '', page.url()).pathname;
}

/** Home, pairs, one pair with its sheets, meeting, logbook and exit, and the programme pages. */
async function pairPersonPaths(page: Page, partner: string): Promise<string[]> {
	const pair = await pairPath(page, partner);
	const youth = await programPath(page, YOUTH);
	await visit(page, `${youth}/intake`);
	const form = await page.getByTestId('intake-form').first().getByRole('link').getAttribute('href');
	await visit(page, '/checkins');
	const checkins = await page
		.locator('main a[href*="checkins/"]')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	return [
		'/',
		'/pairs',
		pair,
		...SHEETS.map((key) => `${pair}/sheets/${key}`),
		`${pair}/meetings/1`,
		`${pair}/logbook`,
		`${pair}/exit`,
		`${pair}/messages`,
		'/account',
		...ACCOUNT_PAGES,
		'/programs',
		...(await tabsOf(page, youth)),
		`${youth}/concerns?pair=${pair.split('/').pop()}`,
		new URL(form ?? '', page.url()).pathname,
		...checkins.slice(0, 1)
	];
}

// A role's sweep is minutes of axe runs; on a busy machine several times that.
test.describe.configure({ timeout: 600_000 });

test('a mentor: every page fits a phone and passes axe, and answers in English', async ({
	browser
}) => {
	const page = await person(browser, 'mentor1@example.org');
	await checkAll(page, await pairPersonPaths(page, 'Fien Claes'));
});

test('a mentee: every page fits a phone and passes axe, in Dutch and English', async ({
	browser
}) => {
	const page = await person(browser, 'mentee1@example.org');
	await checkAll(page, await pairPersonPaths(page, 'Carla Peeters'), { englishInBrowser: true });
});

test('a coordinator: every tab fits a phone and passes axe, and answers in English', async ({
	browser
}) => {
	const page = await person(browser, 'coordinator@example.org');
	const youth = await programPath(page, YOUTH);
	const induction = await programPath(page, INDUCTION);
	await visit(page, `${youth}/pairs`);
	const cosign = await page
		.getByTestId('pair-row')
		.first()
		.getByRole('link', { name: /Ondertekenen/ })
		.getAttribute('href');
	// Ended pairs of the monitoring demo: the page where a certificate is issued.
	const certificates = await page
		.locator('main a[href$="/certificate"]')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	expect(certificates.length).toBeGreaterThan(0);
	const path = await page.locator('main a[href$="/path"]').first().getAttribute('href');
	const tabs = await tabsOf(page, youth);
	expect(tabs).toContain(`${youth}/monitoring`);
	await checkAll(page, [
		'/',
		'/account',
		...ACCOUNT_PAGES,
		'/programs',
		'/programs/new',
		...tabs,
		certificates[0],
		new URL(path ?? '', page.url()).pathname,
		`${youth}/self-evaluation/report`,
		new URL(cosign ?? '', page.url()).pathname,
		// The induction programme has matching proposals and the needs table in its intake.
		`${induction}/matching`,
		`${induction}/intake`,
		// A pool of mentors: pair labels, pairing by hand, who evaluates whom.
		`${induction}/pairs`
	]);
});

test('a supporter: every page fits a phone and passes axe, and answers in English', async ({
	browser
}) => {
	const page = await person(browser, 'ondersteuner@example.org');
	const youth = await programPath(page, YOUTH);
	await checkAll(page, [
		'/',
		'/pairs',
		'/account',
		...ACCOUNT_PAGES,
		'/programs',
		...(await tabsOf(page, youth))
	]);
});

test('an observer, from the invitation on: every page fits a phone and passes axe', async ({
	browser
}) => {
	const coordinator = await person(browser, 'coordinator@example.org');
	const youth = await programPath(coordinator, YOUTH);
	const email = `waarnemer-${Date.now()}@example.org`;
	await visit(coordinator, `${youth}/people`);
	await coordinator.getByLabel('E-mailadres').fill(email);
	await coordinator.locator('#invite-role').selectOption('observer');
	await coordinator.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	const link = new URL(await coordinator.getByTestId('invitation-link').inputValue());
	await coordinator.context().close();

	const context = await browser.newContext({ viewport: PHONE });
	const page = await context.newPage();
	await page.goto('/login');
	await checkAll(page, ['/login', '/reset', link.pathname], { englishInBrowser: true });
	await page.goto(link.pathname);
	await page.getByLabel('Je naam').fill('Olga Waarnemer');
	await page.getByLabel('Nieuw wachtwoord').fill(DEMO_PASSWORD);
	await page.getByLabel('Herhaal het wachtwoord').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Account aanmaken en deelnemen' }).click();
	await expect(page).not.toHaveURL(/\/invite\//);
	await checkAll(page, ['/', '/pairs', '/account', '/programs', ...(await tabsOf(page, youth))]);
});

test('a learning-community member and the process coach: every group page', async ({ browser }) => {
	for (const email of ['lgsl1@example.org', 'procescoach@example.org']) {
		const page = await person(browser, email);
		await visit(page, '/groups');
		const group = await page.locator('main a[href*="groups/"]').first().getAttribute('href');
		const path = new URL(group ?? '', page.url()).pathname;
		expect(path).toMatch(/^\/groups\/[0-9a-f-]{36}$/);
		const community = await programPath(page, COMMUNITY);
		await checkAll(page, [
			'/',
			'/groups',
			path,
			`${path}/intervision`,
			`${path}/meetings`,
			`${path}/needs`,
			`${path}/self-evaluation`,
			// The programme's tabs: "Mijn school" (the intake and the engagement statement).
			...(await tabsOf(page, community))
		]);
		await page.context().close();
	}
});

/**
 * Links in a page's main content whose resolved path matches, as paths (at most `limit`). The
 * resolved URL, not the attribute: server-rendered hrefs are relative ("./pairs/…").
 */
async function linksOn(page: Page, path: string, pattern: RegExp, limit = 1): Promise<string[]> {
	await visit(page, path);
	const paths = await page
		.locator('main a[href]')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	return [...new Set(paths.filter((p) => pattern.test(p)))].slice(0, limit);
}

test('the school-leader, teacher and learning-community programmes: library, instruments, intake, teacher sheets', async ({
	browser
}) => {
	// The coordinator: the library, its add form and collections, the instruments,
	// a person's intake answers, a school's intake and engagement statement.
	const coordinator = await person(browser, 'coordinator@example.org');
	const leaders = await programPath(coordinator, LEADERS);
	const community = await programPath(coordinator, COMMUNITY);
	const answers = await linksOn(
		coordinator,
		`${leaders}/people`,
		/\/intake\/people\/[0-9a-f-]{36}$/
	);
	const school = await linksOn(
		coordinator,
		`${community}/groups`,
		/\/groups\/schools\/[0-9a-f-]{36}$/
	);
	const resource = await linksOn(
		coordinator,
		`${leaders}/resources`,
		/\/resources\/[0-9a-f-]{36}$/
	);
	expect(answers.length + school.length + resource.length).toBe(3);
	await checkAll(coordinator, [
		...(await tabsOf(coordinator, leaders)),
		`${leaders}/resources/new`,
		`${leaders}/resources/collections`,
		...resource,
		...answers,
		...(await tabsOf(coordinator, community)),
		...school
	]);
	await coordinator.context().close();

	// A mentor of the school-leader programme: the library, writing a case study, the collections.
	const mentor = await person(browser, 'mentor3@example.org');
	await checkAll(mentor, [
		...(await tabsOf(mentor, leaders)),
		`${leaders}/resources/new`,
		`${leaders}/resources/collections`
	]);
	await mentor.context().close();

	// The teacher-induction pair: the mentor's pair page (the mentee's needs) and the teacher sheets;
	// the beginning teacher's needs questionnaire.
	const teacherMentor = await person(browser, 'mentor4@example.org');
	const pair = await linksOn(teacherMentor, '/pairs', /^\/pairs\/[0-9a-f-]{36}$/);
	expect(pair[0]).toMatch(/^\/pairs\/[0-9a-f-]{36}$/);
	await checkAll(teacherMentor, [
		pair[0],
		...['teacher-roles', 'lesson-preparation', 'lesson-observation'].map(
			(key) => `${pair[0]}/sheets/${key}`
		)
	]);
	await teacherMentor.context().close();
	const teacher = await person(browser, 'mentee6@example.org');
	const induction = await programPath(teacher, INDUCTION);
	await checkAll(teacher, [`${induction}/intake/teacher-needs`]);
	await teacher.context().close();

	// Group mentoring: the coordinator's tab, the group's mentor and one of its teachers.
	const coordinatorAgain = await person(browser, 'coordinator@example.org');
	await checkAll(coordinatorAgain, [
		`${await programPath(coordinatorAgain, INDUCTION)}/mentor-groups`
	]);
	await coordinatorAgain.context().close();
	for (const [email, keys] of [
		['mentor5@example.org', ['01-agreement', '02-confidentiality', 'lesson-preparation']],
		['mentee7@example.org', []]
	] as const) {
		const member = await person(browser, email);
		const [group] = await linksOn(member, '/', /^\/mentor-groups\/[0-9a-f-]{36}$/);
		expect(group, email).toMatch(/^\/mentor-groups\/[0-9a-f-]{36}$/);
		await checkAll(member, [
			'/',
			group,
			...keys.map((key) => `${group}/sheets/${key}`),
			`${group}/logbook`
		]);
		await member.context().close();
	}
});
