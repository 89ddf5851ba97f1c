import { describe, expect, it } from 'vitest';
import { namedParams } from '$lib/server/db/params';

describe('namedParams', () => {
	it('keeps each value beside its column, numbered from the first placeholder', () => {
		const row = namedParams({ name: 'A', min_group_size: 5, ends_on: null }, 2);
		expect(row.columns).toBe('name, min_group_size, ends_on');
		expect(row.placeholders).toBe('$2, $3, $4');
		expect(row.assignments).toBe('name = $2, min_group_size = $3, ends_on = $4');
		expect(row.params).toEqual(['A', 5, null]);
	});

	it('refuses anything but a plain column name', () => {
		expect(() => namedParams({ 'name; drop table x': 'A' })).toThrow(/Not a column name/);
		expect(() => namedParams({ Name: 'A' })).toThrow(/Not a column name/);
	});
});
