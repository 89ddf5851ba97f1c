/**
 * Crash recovery of the collaboration server, end to end on the production build: two people
 * type into one sheet document while the server process is killed with SIGKILL (nothing
 * flushed), restarted on the same port and data directory, and reconnected to by the stock
 * y-websocket provider. Afterwards both clients hold identical documents with every character
 * each typed; the next round's fresh clients get the same from the server, and every fifth round a
 * graceful restart proves the database has it too.
 *
 * Node-side only (no browser): the clients are `WebsocketProvider`s on `ws`, signed in over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { pageData, signInOverHttp as signIn } from './http';
import { freePort, ServerProcess, copyDemoData } from './server-process';

const MENTOR = 'mentor1@example.org';
const MENTEE = 'mentee1@example.org';
const PROGRAMME = 'VM-PRO jongerenmentoring';
const SHEET_KEY = 'PS1';
/** PS1's `text` fields (Y.Text at `doc.getText(key)`): each person types into their own. */
const MENTOR_FIELD = 'mentor-name';
const MENTEE_FIELD = 'mentee-name';
/** A Y.Text both people append to concurrently (not a template field; the UI ignores it). */
const SHARED = 'e2e-crash-shared';
/** Disjoint alphabets, so the shared text can be split back into who typed what. */
const MENTOR_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const MENTEE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Milliseconds between keystrokes: ~33 and ~29 updates/s, under the 50 messages/s limit. */
const MENTOR_INTERVAL = 30;
const MENTEE_INTERVAL = 35;
/** Every 7th keystroke in one's own field is a backspace (deletions must survive too). */
const BACKSPACE_EVERY = 7;
const ROUNDS = 20;
/**
 * Rounds between the database checks (a graceful restart read by a fresh client, about 3.5 s each):
 * every round's fresh clients already read the whole document from the server that was killed.
 */
const DATABASE_CHECK_EVERY = 5;
/** Keystrokes (per person) after both reconnected before typing stops. */
const TICKS_AFTER_RECONNECT = 10;
/**
 * Keystrokes a person makes while disconnected before pausing until the connection is back
 * (~2 s of typing): how much is typed does not grow with how long a restart takes on a busy
 * machine, and the document stays small.
 */
const MAX_OFFLINE_TICKS = 60;
/** Hard bound on keystrokes per person per round. */
const MAX_TICKS = 600;
/**
 * Waits for positive signals (a restart answering /healthz, a resync, convergence). Generous, so a
 * machine busy with other work slows the test down instead of failing it.
 */
const WAIT = 60_000;
const DOC_NAME = /^pair\/[0-9a-f-]{36}\/sheet\/[0-9a-f-]{36}$/;

type Polyfill = NonNullable<
	NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']
>;

/**
 * `ws`'s WebSocket with the session cookie and the page's Origin on the upgrade request (browsers
 * send both themselves; without Origin the server does not read the cookie).
 */
function webSocketWithCookie(cookie: string, origin: string): Polyfill {
	class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie, origin } });
		}
	}
	return CookieWebSocket as unknown as Polyfill;
}

interface PairSummary {
	id: string;
	programName: string;
	partnerEmail: string;
	status: string;
}

async function findPair(server: ServerProcess, mentorCookie: string): Promise<string | null> {
	const data = await pageData(server, mentorCookie, '/pairs');
	const pairs = (data?.pairs ?? []) as PairSummary[];
	const pair = pairs.find(
		(p) => p.programName === PROGRAMME && p.partnerEmail === MENTEE && p.status === 'active'
	);
	return pair?.id ?? null;
}

/** What each person has typed so far (across rounds): the document must end up exactly so. */
interface Expected {
	mentorField: string;
	menteeField: string;
	sharedByMentor: string;
	sharedByMentee: string;
}

function only(text: string, alphabet: string): string {
	return [...text].filter((c) => alphabet.includes(c)).join('');
}

function view(doc: Y.Doc) {
	const shared = doc.getText(SHARED).toString();
	return {
		mentorField: doc.getText(MENTOR_FIELD).toString(),
		menteeField: doc.getText(MENTEE_FIELD).toString(),
		sharedByMentor: only(shared, MENTOR_ALPHABET),
		sharedByMentee: only(shared, MENTEE_ALPHABET),
		sharedLength: shared.length
	};
}

function expectedView(expected: Expected) {
	return {
		...expected,
		sharedLength: expected.sharedByMentor.length + expected.sharedByMentee.length
	};
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return Buffer.from(a).equals(Buffer.from(b));
}

/** One connected person: a Y.Doc behind a stock provider, typing at a steady rate. */
class Client {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	/** How often the provider became synced (each (re)connection counts once). */
	syncs = 0;
	/** Close codes seen by the provider, for diagnostics (1006 on the crash is expected). */
	readonly closeCodes: number[] = [];
	ticks = 0;
	/** Keystrokes since the connection was last up. */
	private offlineTicks = 0;
	private timer: ReturnType<typeof setInterval> | null = null;

	constructor(
		server: ServerProcess,
		docName: string,
		cookie: string,
		private readonly role: 'mentor' | 'mentee',
		private readonly expected: Expected
	) {
		this.provider = new WebsocketProvider(
			`${server.origin.replace('http', 'ws')}/collab`,
			docName,
			this.doc,
			{
				WebSocketPolyfill: webSocketWithCookie(cookie, server.origin),
				disableBc: true,
				maxBackoffTime: 300
			}
		);
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.syncs += 1;
		});
		this.provider.on('connection-close', (event) => {
			this.closeCodes.push(event?.code ?? -1);
		});
	}

	get connectedAndSynced(): boolean {
		return this.provider.wsconnected && this.provider.synced;
	}

	startTyping(intervalMs: number, total: { keystrokes: number }): void {
		this.timer = setInterval(() => {
			if (this.ticks >= MAX_TICKS) return;
			if (this.provider.wsconnected) this.offlineTicks = 0;
			else if (this.offlineTicks >= MAX_OFFLINE_TICKS) return;
			else this.offlineTicks += 1;
			this.type();
			total.keystrokes += 2;
		}, intervalMs);
	}

	stopTyping(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
	}

	/** One keystroke in one's own field and one appended to the shared text, as one update. */
	private type(): void {
		const mentor = this.role === 'mentor';
		const alphabet = mentor ? MENTOR_ALPHABET : MENTEE_ALPHABET;
		const fieldKey = mentor ? MENTOR_FIELD : MENTEE_FIELD;
		const modelKey = mentor ? 'mentorField' : 'menteeField';
		const sharedKey = mentor ? 'sharedByMentor' : 'sharedByMentee';
		const count = this.expected[sharedKey].length;
		const char = alphabet[count % alphabet.length];
		this.doc.transact(() => {
			const field = this.doc.getText(fieldKey);
			if (count % BACKSPACE_EVERY === BACKSPACE_EVERY - 1 && field.length > 0) {
				field.delete(field.length - 1, 1);
				this.expected[modelKey] = this.expected[modelKey].slice(0, -1);
			} else {
				field.insert(field.length, char);
				this.expected[modelKey] += char;
			}
			const shared = this.doc.getText(SHARED);
			shared.insert(shared.length, char);
			this.expected[sharedKey] += char;
		});
		this.ticks += 1;
	}

	destroy(): void {
		this.stopTyping();
		this.provider.destroy();
		this.doc.destroy();
	}
}

function randomInt(min: number, max: number): number {
	return min + Math.floor(Math.random() * (max - min + 1));
}

test('kill -9 of the server while two people type: after restart and reconnect, nothing is lost', async () => {
	test.setTimeout(600_000);
	const started = Date.now();
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-crash-'));
	copyDemoData(dataDir);
	const server = new ServerProcess({ port, dataDir });
	const clients: Client[] = [];
	const expected: Expected = {
		mentorField: '',
		menteeField: '',
		sharedByMentor: '',
		sharedByMentee: ''
	};
	const total = { keystrokes: 0 };
	const rounds: Record<string, number | string | boolean>[] = [];
	try {
		await server.start(WAIT);
		const mentorCookie = await signIn(server, MENTOR);
		const pairId = await findPair(server, mentorCookie);
		expect(pairId, `the demo seed pairs ${MENTOR} with ${MENTEE} in ${PROGRAMME}`).toBeTruthy();
		const menteeCookie = await signIn(server, MENTEE);
		const sheet = (await pageData(server, mentorCookie, `/pairs/${pairId}/sheets/${SHEET_KEY}`))
			?.sheet as { docName?: string } | undefined;
		const docName = sheet?.docName;
		expect(docName, 'the PS1 sheet page exposes its document name').toMatch(DOC_NAME);

		for (let round = 1; round <= ROUNDS; round += 1) {
			const roundStart = Date.now();
			const mentor = new Client(server, docName!, mentorCookie, 'mentor', expected);
			const mentee = new Client(server, docName!, menteeCookie, 'mentee', expected);
			clients.push(mentor, mentee);
			await expect
				.poll(() => mentor.connectedAndSynced && mentee.connectedAndSynced, { timeout: WAIT })
				.toBe(true);
			// Each starts from everything typed so far: the server restarted from the database after
			// the last kill and took back what the clients had sent while it was down.
			expect(view(mentor.doc)).toEqual(expectedView(expected));
			expect(view(mentee.doc)).toEqual(expectedView(expected));

			const killAt = randomInt(5, 45);
			mentor.startTyping(MENTOR_INTERVAL, total);
			mentee.startTyping(MENTEE_INTERVAL, total);
			await expect
				.poll(() => mentor.ticks, { timeout: WAIT, intervals: [5] })
				.toBeGreaterThanOrEqual(killAt);

			const syncsBefore = [mentor.syncs, mentee.syncs];
			const ticksAtKill = [mentor.ticks, mentee.ticks];
			const killedAt = Date.now();
			await server.kill();
			await server.start(WAIT);
			const upAfter = Date.now() - killedAt;
			const ticksAtRestart = [mentor.ticks, mentee.ticks];
			await expect
				.poll(
					() =>
						mentor.syncs > syncsBefore[0] &&
						mentee.syncs > syncsBefore[1] &&
						mentor.connectedAndSynced &&
						mentee.connectedAndSynced,
					{ timeout: WAIT, message: 'both providers reconnect and resync' }
				)
				.toBe(true);
			const ticksAtReconnect = [mentor.ticks, mentee.ticks];
			const reconnectedAfter = Date.now() - killedAt;
			await expect
				.poll(
					() => Math.min(mentor.ticks - ticksAtReconnect[0], mentee.ticks - ticksAtReconnect[1]),
					{ timeout: WAIT, intervals: [10] }
				)
				.toBeGreaterThanOrEqual(TICKS_AFTER_RECONNECT);
			mentor.stopTyping();
			mentee.stopTyping();
			expect(mentor.ticks, 'typing bound not reached').toBeLessThan(MAX_TICKS);
			expect(mentee.ticks, 'typing bound not reached').toBeLessThan(MAX_TICKS);

			// Both documents converge, with every keystroke each person made, in their order.
			const converging = Date.now();
			await expect
				.poll(
					() => ({
						mentor: view(mentor.doc),
						mentee: view(mentee.doc),
						sameSharedText:
							mentor.doc.getText(SHARED).toString() === mentee.doc.getText(SHARED).toString(),
						sameStateVector: sameBytes(
							Y.encodeStateVector(mentor.doc),
							Y.encodeStateVector(mentee.doc)
						)
					}),
					{ timeout: WAIT, message: `round ${round}: clients converge without loss` }
				)
				.toEqual({
					mentor: expectedView(expected),
					mentee: expectedView(expected),
					sameSharedText: true,
					sameStateVector: true
				});
			const convergedAfter = Date.now() - converging;
			const finalText = mentor.doc.getText(SHARED).toString();
			const finalVector = Y.encodeStateVector(mentor.doc);

			mentor.destroy();
			mentee.destroy();
			clients.length = 0;
			const checkDatabase = round % DATABASE_CHECK_EVERY === 0 || round === ROUNDS;
			if (checkDatabase) {
				// The database: shut down gracefully (flushes), start again and read the document
				// through a fresh provider.
				await server.stop(WAIT);
				await server.start(WAIT);
				const reader = new Client(server, docName!, mentorCookie, 'mentor', expected);
				clients.push(reader);
				await expect
					.poll(() => reader.connectedAndSynced, { timeout: WAIT, message: 'fresh reader syncs' })
					.toBe(true);
				expect(view(reader.doc), `round ${round}: the stored document`).toEqual(
					expectedView(expected)
				);
				expect(reader.doc.getText(SHARED).toString()).toBe(finalText);
				expect(sameBytes(Y.encodeStateVector(reader.doc), finalVector)).toBe(true);
				reader.destroy();
				clients.length = 0;
			}

			rounds.push({
				round,
				killAfterMentorKeystrokes: killAt,
				keystrokesBeforeKill: ticksAtKill.join('/'),
				keystrokesWhileDown: ticksAtRestart.map((t, i) => t - ticksAtKill[i]).join('/'),
				keystrokesUntilResync: ticksAtReconnect.map((t, i) => t - ticksAtKill[i]).join('/'),
				keystrokesTotal: `${mentor.ticks}/${mentee.ticks}`,
				restartMs: upAfter,
				resyncMs: reconnectedAfter,
				convergeMs: convergedAfter,
				databaseChecked: checkDatabase,
				closeCodes: `${mentor.closeCodes.join(',')}|${mentee.closeCodes.join(',')}`,
				roundMs: Date.now() - roundStart
			});
		}

		console.log(
			JSON.stringify(
				{
					rounds,
					characters: {
						mentorField: expected.mentorField.length,
						menteeField: expected.menteeField.length,
						shared: expected.sharedByMentor.length + expected.sharedByMentee.length,
						keystrokes: total.keystrokes
					},
					serverStarts: server.starts,
					totalMs: Date.now() - started
				},
				null,
				1
			)
		);
	} catch (error) {
		console.log(`server output:\n${server.tail(80)}`);
		throw error;
	} finally {
		for (const client of clients) client.destroy();
		await server.kill().catch(() => undefined);
		rmSync(dataDir, { recursive: true, force: true });
	}
});
