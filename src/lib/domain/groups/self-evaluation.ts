/**
 * The self-evaluation of a learning community's member (seed 004: "Via een beginsituatieanalyse
 * en zelfevaluatie leer je jouw noden als schoolleider benoemen"): per theme of the track (the
 * needs analysis's themes, in the seed's wording) where the member stands now, from 1 (beginning)
 * to 4 (strong), with an optional short "what goes well / where I want to grow". Filled at the
 * start and again at the end of each year, so the member sees their own change. Zod-free: the
 * browser imports it.
 */
import { NEEDS_MOMENTS, NEEDS_THEMES, type NeedsMoment } from './needs';

export const SELF_EVALUATION_SCALE = [1, 2, 3, 4] as const;
export const SELF_EVALUATION_THEMES = NEEDS_THEMES;
/** The most characters of each free-text answer. */
export const SELF_EVALUATION_TEXT_MAX = 1000;

export interface SelfEvaluation {
	moment: NeedsMoment;
	answers: Record<string, number>;
	goingWell: string | null;
	toGrow: string | null;
	submittedAt: string;
}

export interface SelfEvaluationChange {
	from: NeedsMoment;
	to: NeedsMoment;
	themes: { key: string; first: number | null; last: number | null; change: number | null }[];
}

/**
 * The member's own change: from their earliest moment to their latest one, per theme; null when
 * they filled in fewer than two moments.
 */
export function selfEvaluationChange(mine: readonly SelfEvaluation[]): SelfEvaluationChange | null {
	const ordered = NEEDS_MOMENTS.map((moment) => mine.find((x) => x.moment === moment)).filter(
		(x): x is SelfEvaluation => x !== undefined
	);
	if (ordered.length < 2) return null;
	const first = ordered[0];
	const last = ordered[ordered.length - 1];
	return {
		from: first.moment,
		to: last.moment,
		themes: SELF_EVALUATION_THEMES.map((theme) => {
			const a = first.answers[theme.key];
			const b = last.answers[theme.key];
			const known = typeof a === 'number' && typeof b === 'number';
			return {
				key: theme.key,
				first: typeof a === 'number' ? a : null,
				last: typeof b === 'number' ? b : null,
				change: known ? b - a : null
			};
		})
	};
}
