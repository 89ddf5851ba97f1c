/**
 * Live delivery of messages (issue #11): `node tests/bench/live-bench.mjs [--people 1000]
 * [--rate 100] [--seconds 10]`. One process: an embedded database (PGlite, in memory) with
 * people/2 pairs, the live hub behind a real HTTP server speaking server-sent events, and one
 * streaming HTTP client per person. Messages are posted through `postMessage` (row-level
 * security, the insert, the unread count) at the given rate by random mentors; the time from
 * the call to the event arriving at the mentee's open stream is the delivery latency.
 * Not measured here: the session check of `/live` (done once per connection) and Redis.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { build } from 'hdr-histogram-js';
import { insertUser } from '$lib/server/auth/local';
import { memoryLimiters } from '$lib/server/auth/rate-limit';
import { createLocalFanout } from '$lib/server/collab/fanout';
import { migrate } from '$lib/server/db/migrate';
import { createPgliteDatabase } from '$lib/server/db/pglite';
import { createLocalFileStore } from '$lib/server/files';
import { createLiveHub } from '$lib/server/live/hub';
import { postMessage, type MessagingDeps } from '$lib/server/messages';
import { insertPair } from '$lib/server/pairs/commands';
import { loadPairRef } from '$lib/server/pairs/queries';
import { loadActor } from '$lib/server/programs/queries';

const { values } = parseArgs({
	options: {
		people: { type: 'string', default: '1000' },
		rate: { type: 'string', default: '100' },
		seconds: { type: 'string', default: '10' }
	}
});
const PEOPLE = Number(values.people);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const db = await createPgliteDatabase();
await migrate(db);
const pairs = await db.asService(async (tx) => {
	const [org] = await tx.query<{ id: string }>(
		"insert into public.organisations (name) values ('Bench') returning id"
	);
	const [program] = await tx.query<{ id: string }>(
		`insert into public.programs (organisation_id, kind, name, starts_on, ends_on, max_mentees_per_mentor)
		 values ($1, 'youth', 'Bench', '2026-09-01', '2027-06-30', 1) returning id`,
		[org.id]
	);
	const out: { id: string; mentor: string; mentee: string }[] = [];
	for (let i = 0; i < PEOPLE / 2; i++) {
		const ids: string[] = [];
		for (const role of ['mentor', 'mentee']) {
			const user = { id: await insertUser(tx, `${role}${i}@bench.example`, 'x', `${role} ${i}`) };
			await tx.query(
				'insert into public.memberships (program_id, user_id, role) values ($1, $2, $3)',
				[program.id, user.id, role]
			);
			ids.push(user.id);
		}
		const id = await insertPair(tx, { programId: program.id, mentorId: ids[0], menteeId: ids[1] });
		out.push({ id, mentor: ids[0], mentee: ids[1] });
	}
	return out;
});

const live = createLiveHub({ fanout: createLocalFanout(), log: quiet });
const server = createServer((req, res) => {
	const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? '';
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
	const reader = live.open({ userId: user }).getReader();
	req.on('close', () => void reader.cancel());
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return res.end();
			res.write(value);
		}
	})();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const sent = new Map<string, number>();
const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
let received = 0;
const streams = pairs.flatMap((p) => [p.mentor, p.mentee]);
const connected = streams.map(async (user) => {
	const response = await fetch(`${base}/live?user=${user}`);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return;
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const frame = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const data = frame.split('\n').find((l) => l.startsWith('data: '));
				if (!data) continue;
				const event = JSON.parse(data.slice(6)) as {
					type: string;
					message?: { body: string; authorId: string };
				};
				if (event.type !== 'message' || event.message!.authorId === user) continue;
				const started = sent.get(event.message!.body);
				if (started !== undefined) {
					histogram.recordValue(Math.round((performance.now() - started) * 1000));
					received++;
				}
			}
		}
	})();
});
await Promise.all(connected);
console.log(`${streams.length} streams open (hub: ${live.size})`);

const deps: MessagingDeps = {
	db,
	files: createLocalFileStore('/tmp/mentorpad-bench-files'),
	live,
	limiter: memoryLimiters.create('messages', 1_000_000, 10),
	limits: { fileMaxBytes: 1, pairQuotaBytes: 1 }
};
const authors = await Promise.all(
	pairs.map(async (p) => {
		const claims = { sub: p.mentor, role: 'authenticated' as const, email: '' };
		return {
			claims,
			actor: await loadActor(db, claims),
			pair: (await loadPairRef(db, p.id))!
		};
	})
);

const total = RATE * SECONDS;
const interval = 1000 / RATE;
const t0 = performance.now();
const posts: Promise<unknown>[] = [];
for (let i = 0; i < total; i++) {
	const due = t0 + i * interval;
	const wait = due - performance.now();
	if (wait > 0) await new Promise((r) => setTimeout(r, wait));
	const author = authors[Math.floor(Math.random() * authors.length)];
	const body = `bench ${i}`;
	sent.set(body, performance.now());
	posts.push(postMessage(deps, author, author.pair, { body }));
}
await Promise.all(posts);
const deadline = performance.now() + 5_000;
while (received < total && performance.now() < deadline)
	await new Promise((r) => setTimeout(r, 20));
const ms = (p: number) => (histogram.getValueAtPercentile(p) / 1000).toFixed(1);
console.log(
	JSON.stringify({
		people: streams.length,
		rate: RATE,
		seconds: SECONDS,
		sent: total,
		delivered: received,
		achievedRate: Math.round(total / ((performance.now() - t0) / 1000)),
		p50ms: ms(50),
		p95ms: ms(95),
		p99ms: ms(99),
		maxMs: (histogram.maxValue / 1000).toFixed(1)
	})
);
live.close();
server.closeAllConnections();
server.close();
await db.close();
process.exit(0);
