import { CRITERIA, type Criterion, type WeightIssue, type Weights } from './types';

export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 100;

/**
 * Default weights; they add up to 100, so a pair that fits on every criterion scores 100.
 * The matching-day choices weigh most: the guide lets mentees choose their mentor.
 */
export const defaultWeights: Readonly<Weights> = Object.freeze({
	experience: 10,
	expertise: 15,
	gender: 10,
	accessibility: 10,
	interests: 5,
	availability: 10,
	region: 5,
	menteeFavourite: 15,
	menteeRating: 10,
	mentorFavourite: 10
});

export type WeightsValidation =
	| { ok: true; weights: Weights; issues: readonly WeightIssue[] }
	| { ok: false; issues: readonly WeightIssue[] };

function isCriterion(key: string): key is Criterion {
	return (CRITERIA as readonly string[]).includes(key);
}

/**
 * Checks weights a coordinator entered. Rejects what cannot be a weight (not an object, a value
 * that is not a finite number, an unknown criterion); clamps values to 0–100 and rounds them to
 * thousandths; fills missing criteria with the default. Every change is reported as an issue.
 */
export function validateWeights(raw: unknown): WeightsValidation {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		const message = 'Weights must be an object with a number per criterion.';
		return { ok: false, issues: [{ criterion: '', code: 'not_an_object', message }] };
	}
	const entries = raw as Record<string, unknown>;
	const errors: WeightIssue[] = [];
	const issues: WeightIssue[] = [];
	for (const key of Object.keys(entries).sort()) {
		if (!isCriterion(key)) {
			const message = `Unknown criterion '${key}'; expected one of ${CRITERIA.join(', ')}.`;
			errors.push({ criterion: key, code: 'unknown_criterion', message });
		}
	}
	const weights = { ...defaultWeights };
	for (const criterion of CRITERIA) {
		const value = Object.hasOwn(entries, criterion) ? entries[criterion] : undefined;
		if (value === undefined) {
			const message = `No weight for '${criterion}'; using the default ${defaultWeights[criterion]}.`;
			issues.push({ criterion, code: 'defaulted', message });
			continue;
		}
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			const message = `The weight for '${criterion}' must be a number.`;
			errors.push({ criterion, code: 'not_a_number', message });
			continue;
		}
		const clamped = Math.round(Math.min(WEIGHT_MAX, Math.max(WEIGHT_MIN, value)) * 1000) / 1000;
		if (clamped !== value) {
			const message = `The weight for '${criterion}' was ${value}; weights run from ${WEIGHT_MIN} to ${WEIGHT_MAX} in steps of 0.001, so it is now ${clamped}.`;
			issues.push({ criterion, code: 'clamped', message });
		}
		weights[criterion] = clamped;
	}
	if (errors.length > 0) return { ok: false, issues: [...errors, ...issues] };
	return { ok: true, weights, issues };
}
