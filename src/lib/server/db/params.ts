import type { SqlValue } from './types';

const COLUMN = /^[a-z_][a-z0-9_]*$/;

export interface NamedParams {
	/** `a, b, c`: the column list of an insert. */
	columns: string;
	/** `$1, $2, $3` (from `first`): the values list of an insert, in the columns' order. */
	placeholders: string;
	/** `a = $1, b = $2, c = $3` (from `first`): the set list of an update. */
	assignments: string;
	/** The values, in the same order. */
	params: SqlValue[];
}

/**
 * A row given by column name, turned into the positional parameters both drivers take: each value
 * stays beside its column, so a long insert or update cannot shift a value into the wrong column.
 * Column names come from code, never from input (they are checked to be plain identifiers).
 */
export function namedParams(row: Record<string, SqlValue>, first = 1): NamedParams {
	const columns = Object.keys(row);
	for (const column of columns)
		if (!COLUMN.test(column)) throw new Error(`Not a column name: ${column}`);
	const place = (i: number) => `$${first + i}`;
	return {
		columns: columns.join(', '),
		placeholders: columns.map((_, i) => place(i)).join(', '),
		assignments: columns.map((column, i) => `${column} = ${place(i)}`).join(', '),
		params: Object.values(row)
	};
}
