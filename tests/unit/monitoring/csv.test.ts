import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, tableToCsv, toCsv, type MonitoringTable } from '$lib/domain/monitoring';
import { parseCsv } from '../../helpers/csv';

describe('csvField', () => {
	it('leaves plain text and numbers alone', () => {
		expect(csvField('P-01')).toBe('P-01');
		expect(csvField(12)).toBe('12');
		expect(csvField('< 5')).toBe('< 5');
	});

	it('quotes commas, quotes, line breaks and surrounding spaces', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField(' padded')).toBe('" padded"');
	});

	it('defuses text a spreadsheet would run as a formula', () => {
		expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
		expect(csvField('+1')).toBe("'+1");
		expect(csvField('-2')).toBe("'-2");
		expect(csvField('@cmd')).toBe("'@cmd");
	});

	it('round-trips any text through a CSV reader (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
				(rows) => {
					const header = ['a', 'b'];
					const text = toCsv(header, rows);
					expect(text.startsWith('\ufeff')).toBe(true);
					const parsed = parseCsv(text.slice(1));
					expect(parsed).toEqual(
						[header, ...rows].map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)))
					);
				}
			)
		);
	});
});

describe('tableToCsv', () => {
	const table: MonitoringTable = {
		dataset: 'logbook',
		rowKind: 'fortnight',
		columns: [
			{ key: 'mentor', kind: 'count' },
			{ key: 'mentee', kind: 'count' }
		],
		rows: [
			{
				key: '2026-09-01',
				cells: [
					{ value: 6, suppressed: false },
					{ value: null, suppressed: true }
				]
			}
		],
		total: [
			{ value: 14, suppressed: false },
			{ value: null, suppressed: true }
		]
	};
	const labels = {
		rowHeader: 'Fortnight',
		columns: {
			pairs: 'Pairs',
			held: 'Held',
			planned: 'Planned',
			completed: 'Completed',
			share: 'Share',
			mentor: 'By mentors',
			mentee: 'By mentees, in people',
			flagged: 'Flagged',
			requests: 'Requests',
			last_held_on: 'Last',
			days_without_meeting: 'Days'
		},
		total: 'Total'
	};

	it('writes a header, one line per row with the marker for suppressed cells, and the total', () => {
		expect(tableToCsv(table, labels, 5)).toBe(
			'\ufeffFortnight,By mentors,"By mentees, in people"\r\n' +
				'2026-09-01,6,< 5\r\n' +
				'Total,14,< 5\r\n'
		);
	});

	it('has no total line when the table has none', () => {
		const lines = tableToCsv({ ...table, total: null }, labels, 5).split('\r\n');
		expect(lines).toHaveLength(3);
	});
});
