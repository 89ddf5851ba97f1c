/**
 * The stages of a mentoring relationship (`001…` L480): building the relationship (BR), self-
 * discovery (SD), planning (P), working on it (WU) and moving on (MO), in this order.
 */
export const PATH_PHASES = ['BR', 'SD', 'P', 'WU', 'MO'] as const;

export type PathPhase = (typeof PATH_PHASES)[number];

/** Whether a value (a template's phase, a stored string) is one of the path's stages. */
export const isPathPhase = (value: unknown): value is PathPhase =>
	typeof value === 'string' && (PATH_PHASES as readonly string[]).includes(value);
