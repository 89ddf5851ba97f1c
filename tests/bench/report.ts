/** Renders a benchmark run as `docs/performance.md`. */
import type { Summary } from './run';

export interface SideResult {
	latency: Summary;
	metrics: Record<string, number>;
}

export interface ScenarioResult {
	id: string;
	ours: SideResult | null;
	reference: SideResult | null;
	/** Present (maybe null: failed) when Hocuspocus ran the scenario. */
	hocuspocus?: SideResult | null;
}

/** Scenarios Hocuspocus cannot run here, and why. */
export const HOCUSPOCUS_SKIPS: Record<string, string> = {
	E: 'a cold load needs a store to load from; memory only, with no extensions, Hocuspocus has none',
	S: 'scale-out needs a shared store and a relay (its Redis extension); no extensions here'
};

/** One step of the knee search: scenario A with `docs` documents × 3 clients. */
export interface KneeStep {
	docs: number;
	clients: number;
	p50: number;
	p99: number;
	samples: number;
	serverCpuPercent: number;
	generatorCpuPercent: number;
	eventLoopP99Ms: number;
	/** The slowest load worker's event-loop delay p99 (ms). */
	generatorEventLoopP99Ms: number;
}

export interface KneeResult {
	server: string;
	p99TargetMs: number;
	/** The largest document count with p99 under the target; null if none was. */
	knee: number | null;
	steps: KneeStep[];
}

export interface RunOutput {
	date: string;
	machine: {
		nproc: number;
		cpu: string;
		node: string;
		commit?: string;
		loadAverageAtEnd: number;
	};
	settings: Record<string, unknown>;
	results: ScenarioResult[];
	versions?: { hocuspocus: string };
	knee?: KneeResult[];
}

type Read = (side: SideResult) => number | undefined;

interface Row {
	metric: string;
	read: Read;
	/** A goal, not an assertion: text, and whether a value of ours meets it. */
	target?: [string, (value: number, side: SideResult) => boolean];
}

const latencyRows: Row[] = [
	{ metric: 'latency p50 (ms)', read: (s) => s.latency.p50 },
	{ metric: 'latency p95 (ms)', read: (s) => s.latency.p95 },
	{ metric: 'latency p99 (ms)', read: (s) => s.latency.p99 },
	{ metric: 'latency p99.9 (ms)', read: (s) => s.latency.p999 },
	{ metric: 'latency max (ms)', read: (s) => s.latency.max },
	{ metric: 'latency samples', read: (s) => s.latency.count }
];
const m =
	(key: string): Read =>
	(s) =>
		s.metrics[key];
const serverRows: Row[] = [
	{ metric: 'server CPU (% of one core)', read: m('cpuPercent') },
	{ metric: 'event-loop delay p99 (ms)', read: m('eventLoopP99Ms') },
	{ metric: 'event-loop delay max (ms)', read: m('eventLoopMaxMs') },
	{ metric: 'GC pauses (% of the time)', read: m('gcPercent') },
	{ metric: 'longest GC pause (ms)', read: m('gcMaxMs') },
	{ metric: 'RSS (MB)', read: m('rssMB') },
	{ metric: 'store writes/s', read: m('writesPerSecond') },
	{ metric: 'rows written/s', read: m('rowsPerSecond') },
	{ metric: 'client sends/s', read: m('sendsPerSecond') },
	generatorRow(),
	generatorLoopRow()
];

function generatorRow(): Row {
	return { metric: 'load generator CPU (% of one core)', read: m('generatorCpuPercent') };
}

function generatorLoopRow(): Row {
	return {
		metric: 'load generator event-loop p99 (ms, slowest worker)',
		read: m('generatorEventLoopP99Ms')
	};
}

/** Memory per document against the encoded size held in `encodedKey` (kB). */
const memoryTarget = (encodedKey: string): Row['target'] => [
	'≤ 25 × encoded + 100 kB',
	(value, side) => value <= 25 * (side.metrics[encodedKey] ?? Number.NaN) + 100
];

interface ScenarioTable {
	title: string;
	rows: Row[];
	/** Column names of the two sides, when they are not ours and the reference. */
	sides?: [string, string];
}

const rowsByScenario: Record<string, ScenarioTable> = {
	A: {
		title: 'A — many documents × 3 clients, one typist each (5–10 chars/s)',
		rows: [
			...latencyRows.map((row) =>
				row.metric === 'latency p50 (ms)'
					? { ...row, target: ['< 5', (v: number) => v < 5] as Row['target'] }
					: row.metric === 'latency p99 (ms)'
						? { ...row, target: ['< 25', (v: number) => v < 25] as Row['target'] }
						: row
			),
			...serverRows.map((row) =>
				row.metric.startsWith('event-loop delay p99')
					? { ...row, target: ['< 20', (v: number) => v < 20] as Row['target'] }
					: row
			),
			{
				metric: 'RSS per loaded doc (kB)',
				read: m('rssPerDocKB'),
				target: memoryTarget('encodedPerDocKB')
			},
			{ metric: 'encoded size per doc (kB)', read: m('encodedPerDocKB') }
		]
	},
	B: {
		title: 'B — one hot document, many clients, 20 typists',
		rows: [
			...latencyRows.map((row) =>
				row.metric === 'latency p99 (ms)'
					? { ...row, target: ['< 100', (v: number) => v < 100] as Row['target'] }
					: row
			),
			...serverRows.map((row) =>
				row.metric.startsWith('event-loop delay max')
					? { ...row, target: ['no stall > 50', (v: number) => v <= 50] as Row['target'] }
					: row
			)
		]
	},
	C: {
		title: 'C — form clients setting map fields at 1–2/s (3 per document)',
		rows: [...latencyRows, ...serverRows]
	},
	D: {
		title: 'D — reconnect storm: every socket dropped at once',
		rows: [
			{ metric: 'clients', read: m('clients') },
			{ metric: 'initial connect, all synced (ms)', read: m('initialConnectMs') },
			{
				metric: 'after the drop, all synced again (ms)',
				read: m('allSyncedMs'),
				target: ['< 10,000 (3,000 clients)', (v) => v < 10_000]
			},
			{ metric: 'reconnect attempts', read: m('reconnects') },
			...serverRows.slice(0, 6),
			generatorRow()
		]
	},
	E: {
		title: 'E — cold load from the store',
		rows: [
			{ metric: 'small doc, encoded (kB)', read: m('smallEncodedKB') },
			{
				metric: 'small doc, connect → synced, median (ms)',
				read: m('smallLoadMedianMs'),
				target: ['< 50', (v) => v < 50]
			},
			{ metric: 'small doc, connect → synced, max (ms)', read: m('smallLoadMaxMs') },
			{
				metric: 'small doc, RSS per doc (kB)',
				read: m('smallRssPerDocKB'),
				target: memoryTarget('smallEncodedKB')
			},
			{ metric: 'large doc, encoded (kB)', read: m('largeEncodedKB') },
			{ metric: 'large doc, connect → synced, median (ms)', read: m('largeLoadMedianMs') },
			{ metric: 'large doc, connect → synced, max (ms)', read: m('largeLoadMaxMs') },
			{
				metric: 'large doc, RSS per doc (kB)',
				read: m('largeRssPerDocKB'),
				target: memoryTarget('largeEncodedKB')
			},
			{ metric: 'large doc, RSS / encoded size', read: m('largeRssPerEncoded') },
			{ metric: 'large docs, both loads (ms)', read: m('largeLoadsMs') },
			{
				metric: 'during large loads, event-loop delay max (ms)',
				read: m('largeLoopMaxMs'),
				target: ['< 50', (v) => v < 50]
			},
			{ metric: 'during large loads, event-loop delay p99 (ms)', read: m('largeLoopP99Ms') },
			{ metric: 'during large loads, typing latency p99 (ms)', read: m('largeTypingP99Ms') },
			{ metric: 'during large loads, typing latency max (ms)', read: m('largeTypingMaxMs') },
			{ metric: 'during large loads, typing samples', read: m('largeTypingSamples') }
		]
	},
	S: {
		title: 'S — scenario A on two instances (shared Postgres, fan-out through Redis) vs one',
		sides: ['two instances', 'one instance'],
		rows: [...latencyRows, ...serverRows]
	},
	F: {
		title: 'F — hostile input mix while clients type',
		rows: [
			{ metric: 'calm phase latency p50 (ms)', read: m('calmP50Ms') },
			{ metric: 'calm phase latency p99 (ms)', read: m('calmP99Ms') },
			{ metric: 'hostile phase latency p50 (ms)', read: m('hostileP50Ms') },
			{ metric: 'hostile phase latency p99 (ms)', read: m('hostileP99Ms') },
			{
				metric: 'sockets closed by the server (its own count; ours only)',
				read: m('closedByServer')
			},
			{ metric: 'hostile sockets closed, as the clients saw it', read: m('hostileClosesSeen') },
			{
				metric: 'errors logged by the server (reference: failed updates, socket kept)',
				read: m('updatesFailedAndKept')
			},
			...serverRows.slice(0, 6),
			generatorRow()
		]
	}
};

const format = (value: number | undefined) =>
	value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('en-GB');

function ratio(ours: number | undefined, reference: number | undefined): string {
	if (ours === undefined || reference === undefined || reference === 0) return '—';
	if (Number.isNaN(ours) || Number.isNaN(reference)) return '—';
	return `${(ours / reference).toFixed(2)}×`;
}

/** The table of one run, and the list of targets with met/missed. */
export function renderTables(run: RunOutput): { table: string; targets: string[] } {
	const lines: string[] = [];
	const targets: string[] = [];
	for (const result of run.results) {
		const scenario = rowsByScenario[result.id];
		if (!scenario) continue;
		lines.push('', `### ${scenario.title}`, '');
		const [first, second] = scenario.sides ?? ['ours', 'reference'];
		const third = 'hocuspocus' in result;
		if (third) {
			lines.push(
				`| metric | ${first} | ${second} | Hocuspocus | ${first} / ${second} | ${first} / Hocuspocus | target | met |`
			);
			lines.push('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
		} else {
			lines.push(`| metric | ${first} | ${second} | ${first} / ${second} | target | met |`);
			lines.push('| --- | ---: | ---: | ---: | --- | --- |');
		}
		for (const row of scenario.rows) {
			const ours = result.ours ? row.read(result.ours) : undefined;
			const reference = result.reference ? row.read(result.reference) : undefined;
			const hocuspocus = result.hocuspocus ? row.read(result.hocuspocus) : undefined;
			let met = '';
			if (row.target && result.ours && ours !== undefined && !Number.isNaN(ours)) {
				met = row.target[1](ours, result.ours) ? 'yes' : '**no**';
				targets.push(`${result.id}: ${row.metric} ${row.target[0]} — ours ${format(ours)}: ${met}`);
			}
			const target = `${row.target?.[0] ?? ''} | ${met} |`;
			lines.push(
				third
					? `| ${row.metric} | ${format(ours)} | ${format(reference)} | ${format(hocuspocus)} | ${ratio(ours, reference)} | ${ratio(ours, hocuspocus)} | ${target}`
					: `| ${row.metric} | ${format(ours)} | ${format(reference)} | ${ratio(ours, reference)} | ${target}`
			);
		}
		const skipped = HOCUSPOCUS_SKIPS[result.id];
		if (skipped && !third) lines.push('', `Hocuspocus: not run (${skipped}).`);
	}
	return { table: lines.join('\n'), targets };
}

/** The knee per server, then every step measured. */
export function renderKnee(knee: KneeResult[]): string {
	if (!knee.length) return '';
	const target = knee[0].p99TargetMs;
	const lines = [
		'',
		`### Capacity knee — the largest A (documents × 3 clients) with p99 < ${target} ms`,
		'',
		'| server | knee (documents) | clients | p99 at the knee (ms) | server CPU at the knee (%) | load generator CPU at the knee (%) | generator share of the CPU used |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: |'
	];
	for (const result of knee) {
		const at = result.steps.find((step) => step.docs === result.knee);
		const share = at
			? `${Math.round((at.generatorCpuPercent / (at.generatorCpuPercent + at.serverCpuPercent)) * 100)} %`
			: '—';
		lines.push(
			`| ${result.server} | ${result.knee === null ? `none (< ${result.steps[0]?.docs ?? '—'})` : format(result.knee)} | ${format(at?.clients)} | ${format(at?.p99)} | ${format(at?.serverCpuPercent)} | ${format(at?.generatorCpuPercent)} | ${share} |`
		);
	}
	lines.push(
		'',
		'| server | documents | p50 (ms) | p99 (ms) | samples | server CPU (%) | event-loop p99 (ms) | load generator CPU (%) | generator event-loop p99 (ms) |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	);
	for (const result of knee) {
		for (const step of result.steps) {
			lines.push(
				`| ${result.server} | ${format(step.docs)} | ${format(step.p50)} | ${format(step.p99)} | ${format(step.samples)} | ${format(step.serverCpuPercent)} | ${format(step.eventLoopP99Ms)} | ${format(step.generatorCpuPercent)} | ${format(step.generatorEventLoopP99Ms)} |`
			);
		}
	}
	return lines.join('\n');
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/**
 * The measured part of `docs/performance.md`, between markers, so the prose around it (method,
 * analysis) survives a rerun.
 */
export function renderMeasured(run: RunOutput): string {
	const { table, targets } = renderTables(run);
	return [
		BEGIN,
		`Run: ${run.date} · ${run.machine.nproc} cores (${run.machine.cpu}) · Node ${run.machine.node} · commit ${run.machine.commit ?? 'unknown'} · load average at the end ${run.machine.loadAverageAtEnd}`,
		'',
		'Settings: `' + JSON.stringify(run.settings) + '`',
		...(run.versions ? ['', `Hocuspocus: \`@hocuspocus/server\` ${run.versions.hocuspocus}`] : []),
		table,
		...(run.knee ? [renderKnee(run.knee)] : []),
		'',
		'Targets (goals, not assertions):',
		'',
		...targets.map((line) => `- ${line}`),
		END
	].join('\n');
}

export function mergeIntoDocument(existing: string | null, run: RunOutput): string {
	const measured = renderMeasured(run);
	if (existing && existing.includes(BEGIN) && existing.includes(END)) {
		return (
			existing.slice(0, existing.indexOf(BEGIN)) +
			measured +
			existing.slice(existing.indexOf(END) + END.length)
		);
	}
	return `# Collaboration server performance\n\n${measured}\n`;
}
