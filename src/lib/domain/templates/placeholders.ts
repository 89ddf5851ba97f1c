/**
 * The source forms leave blanks in square brackets for the organiser to fill in ("[Nationale
 * coördinator] als nationale coördinator…"). The app knows them: the programme's organisation.
 */
export interface PlaceholderValues {
	/** The organisation that runs the programme. */
	organisation: string;
	/** The programme's name. */
	programme: string;
}

const PLACEHOLDERS: readonly [RegExp, keyof PlaceholderValues][] = [
	[/\[(?:Nationale coördinator|National coordinator)\]/g, 'organisation'],
	[/\[(?:Organisatie|Organisation)\]/g, 'organisation'],
	[/\[(?:Programma|Programme)\]/g, 'programme']
];

/** A template text with its bracketed blanks filled in; other wording stays as in the source. */
export function fillPlaceholders(text: string, values: PlaceholderValues | undefined): string {
	if (!values) return text;
	return PLACEHOLDERS.reduce(
		(out, [pattern, key]) => (values[key].trim() ? out.replace(pattern, () => values[key]) : out),
		text
	);
}
