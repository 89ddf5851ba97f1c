import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from './fixtures';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { signIn } from './helpers';
import { freePort, ServerProcess, copyDemoData } from './server-process';

/**
 * Issue #11's e2e: the mentor asks the mentee to prepare a sheet by tomorrow; it appears on the
 * mentee's home and the reminder ("due tomorrow") reaches the mentee's mailbox. The app runs on a
 * server of its own that sends mail over SMTP to a sink this test starts (smtp-server, from the
 * Nodemailer project), with the reminder scan every 3 seconds.
 */

let server: ServerProcess;
let smtp: SMTPServer;
let dataDir: string;
const mails: ParsedMail[] = [];

test.beforeAll(async () => {
	test.setTimeout(120_000);
	const smtpPort = await freePort();
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					mails.push(mail);
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
	dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-reminder-'));
	copyDemoData(dataDir);
	server = new ServerProcess({
		port: await freePort(),
		dataDir,
		env: {
			SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
			JOBS_INTERVAL_MS: '250',
			REMINDER_SCAN_MINUTES: '0.05'
		}
	});
	await server.start();
});
test.afterAll(async () => {
	await server?.stop();
	await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
	rmSync(dataDir, { recursive: true, force: true });
});

/** Tomorrow's date in the programme's time zone ('YYYY-MM-DD'). */
const tomorrow = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(
		new Date(Date.now() + 86_400_000)
	);

async function person(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.origin });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

test('an assignment appears on the mentee’s home and its reminder arrives by mail', async ({
	browser
}) => {
	const mentor = await person(browser, 'mentor1@example.org');
	await mentor.getByRole('link', { name: /Met je mentee Fien Claes/ }).click();
	await expect(mentor).toHaveURL(/\/pairs\/[0-9a-f-]{36}$/);
	const pair = new URL(mentor.url()).pathname;

	await mentor.goto(`${pair}?assign=PS2`);
	const form = mentor.locator('form[action="?/assign"]');
	await expect(form.getByLabel('Werkblad')).toHaveValue('PS2');
	await form.getByLabel(/^Klaar tegen/).fill(tomorrow());
	await form.getByRole('button', { name: 'Vragen' }).click();
	await expect(
		mentor.getByRole('status').filter({ hasText: 'Opdracht opgeslagen.' })
	).toBeVisible();

	// The mentee sees it on their home, asked by the mentor.
	const mentee = await person(browser, 'mentee1@example.org');
	const list = mentee.getByTestId('home-to-prepare');
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await expect(list).toContainText('gevraagd door Carla Peeters');

	// The reminder scan finds it due tomorrow; the reminders category mails at once.
	const reminder = () =>
		mails.find(
			(mail) =>
				mail.to &&
				!Array.isArray(mail.to) &&
				mail.to.value.some((a) => a.address === 'mentee1@example.org') &&
				/moet morgen klaar zijn/.test(mail.subject ?? '')
		);
	await expect.poll(() => reminder() !== undefined, { timeout: 30_000 }).toBe(true);
	const mail = reminder()!;
	expect(mail.text).toContain(`${pair}/sheets/PS2`);
	expect(mail.html).toBeTruthy();
	// mailparser gathers the List-* headers under 'list': the one-click unsubscribe of RFC 8058.
	expect(JSON.stringify(mail.headers.get('list'))).toContain('/unsubscribe');
	await Promise.all([mentor.context().close(), mentee.context().close()]);
});
