import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inviteMember } from '$lib/server/programs/commands';
import { createRuntime, type Runtime } from '$lib/server/runtime';
import { buildStaffedProgram, buildUser } from '../factories';
import { createPostgresDatabaseForTest, testEngine } from '../helpers/db';

/**
 * Without SMTP, mail stays in the outbox. Its text (links with secret tokens) is logged only in
 * the embedded mode, where whoever runs the app reads the log on their own machine; with
 * DATABASE_URL set, never. Either way the start-up log says what happens to mail.
 */
describe(`mail links in the log (${testEngine()})`, () => {
	const embedded = testEngine() === 'pglite';
	const output: string[] = [];
	let runtime: Runtime;
	let dataDir: string | undefined;
	let resetLink: string;
	let inviteLink: string;

	beforeAll(async () => {
		const capture = (chunk: string | Uint8Array) => {
			output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
			return true;
		};
		vi.spyOn(process.stdout, 'write').mockImplementation(capture);
		vi.spyOn(process.stderr, 'write').mockImplementation(capture);
		const base = { LOG_LEVEL: 'info', DEMO_DATA: 'false', ORIGIN: 'http://mentorpad.test' };
		if (embedded) {
			dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-mail-log-'));
			runtime = await createRuntime({ ...base, DATA_DIR: dataDir });
		} else {
			runtime = await createRuntime({
				...base,
				DATABASE_URL: await createPostgresDatabaseForTest()
			});
		}
		const user = await buildUser(runtime.db);
		await runtime.auth.requestPasswordReset(user.email, { ip: '127.0.0.1' });
		const staffed = await buildStaffedProgram(runtime.db);
		inviteLink = (
			await inviteMember(
				{
					db: runtime.db,
					claims: staffed.people.coordinator.claims,
					mailer: runtime.mailer,
					origin: runtime.config.origin
				},
				staffed.program.id,
				{ email: 'invitee@example.org', role: 'mentee' }
			)
		).link;
		const mails = await runtime.db.asService((tx) =>
			tx.query<{ body_text: string }>(
				"select body_text from public.mail_outbox where kind = 'password_reset'"
			)
		);
		resetLink = /http:\/\/mentorpad\.test\/reset\/\S+/.exec(mails[0].body_text)![0];
	});
	afterAll(async () => {
		await runtime?.close();
		vi.restoreAllMocks();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	const lines = () =>
		output
			.join('')
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as { level: string; msg: string; text?: string });

	it('says once at start-up what happens to mail, and why', () => {
		const notices = lines().filter((line) => line.msg.startsWith('mail is not sent'));
		expect(notices).toHaveLength(1);
		expect(notices[0].msg).toMatch(
			embedded
				? /^mail is not sent; links are logged because this is the embedded mode/
				: /^mail is not sent and its links are not logged \(DATABASE_URL without SMTP_URL\)/
		);
	});

	it(
		embedded
			? 'logs the password-reset and invitation links in the embedded mode'
			: 'never logs a password-reset or invitation link with DATABASE_URL set',
		() => {
			const tokens = [resetLink, inviteLink].map((link) => link.split('/').at(-1)!);
			expect(tokens.every((token) => token.length >= 20)).toBe(true);
			const log = output.join('');
			for (const token of tokens) expect(log.includes(token)).toBe(embedded);
			const kept = lines().filter((line) => line.msg === 'mail kept in outbox');
			expect(kept).toHaveLength(2);
			for (const line of kept) expect('text' in line).toBe(embedded);
		}
	);
});
