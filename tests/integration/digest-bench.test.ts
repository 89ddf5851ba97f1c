import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { DIGEST_JOB, notificationJobs } from '$lib/server/notifications/jobs';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * The daily digest for 10,000 people on PostgreSQL (issue #11: under 60 s). Not part of the test
 * command: `BENCH_DIGEST=1 npx vitest run --project integration-postgres tests/integration/digest-bench.test.ts`
 * (BENCH_PEOPLE to change the number; BENCH_OUT=file writes the result as JSON).
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const PER_PERSON = 3;

describe.skipIf(testEngine() !== 'postgres' || !process.env.BENCH_DIGEST)(
	`daily digest for ${PEOPLE} people`,
	() => {
		let db: Database;

		beforeAll(async () => {
			db = await createTestDatabase();
			// Everyone wants messages daily at 17:00 (the defaults) and has three unread
			// notifications of two kinds from a partner.
			await db.asService(async (tx) => {
				await tx.query(
					`insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_user_meta_data)
					 select gen_random_uuid(), 'bench-' || i || '@example.org', 'x', now(), '{}'::jsonb
					 from generate_series(1, $1) i`,
					[PEOPLE]
				);
				await tx.query(
					`insert into public.profiles (id, email, display_name, locale)
					 select id, email, 'Person ' || split_part(email, '@', 1),
						case when random() < 0.2 then 'en' else 'nl' end
					 from auth.users where email like 'bench-%'`
				);
				await tx.query(
					`insert into public.notifications (user_id, kind, category, link, params, created_at)
					 select u.id, case when n = 3 then 'comment' else 'message' end,
						case when n = 3 then 'comments' else 'messages' end,
						'/pairs', jsonb_build_object('name', 'Partner', 'sheet', '01-agreement'),
						now() - make_interval(mins => n)
					 from auth.users u cross join generate_series(1, $1) n
					 where u.email like 'bench-%'`,
					[PER_PERSON]
				);
			});
		}, 300_000);
		afterAll(async () => {
			await db?.close();
		});

		it('mails everyone once within 60 s', async () => {
			const log = createLogger('silent');
			const work = notificationJobs({
				mailer: createOutboxMailer(db, log),
				origin: 'http://bench'
			});
			// 17:00 in Brussels on a winter day: the default digest hour.
			const slot = new Date('2026-12-01T16:00:00Z');
			const started = performance.now();
			await work.handlers[DIGEST_JOB](
				{
					id: '0',
					kind: DIGEST_JOB,
					payload: { slot: slot.toISOString() },
					key: null,
					programId: null,
					attempt: 1,
					maxAttempts: 5
				},
				{ db, now: slot }
			);
			const seconds = (performance.now() - started) / 1000;
			const counts = await db.asService((tx) =>
				tx.query<{ mails: number; left: number }>(
					`select (select count(*)::int from public.mail_outbox where kind = 'digest') as mails,
						(select count(*)::int from public.notifications where emailed_at is null) as left`
				)
			);
			const result = { people: PEOPLE, notifications: PEOPLE * PER_PERSON, seconds, ...counts[0] };
			console.log(JSON.stringify(result));
			if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(result));
			expect(counts[0]).toEqual({ mails: PEOPLE, left: 0 });
			expect(seconds).toBeLessThan(60);
		}, 300_000);
	}
);
