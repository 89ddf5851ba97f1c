/**
 * The teacher-induction framework's mentor models (003…): a pool of mentors (a teacher may have a
 * subject mentor and a school mentor, each pair with its own workspace) and the school leader's
 * dual role (whoever evaluates a teacher is never their mentor): constants and shapes (the forms'
 * schemas are in mentor-models-input.ts). The
 * database keeps the same rules (20261204000100_mentor_pool_evaluator.sql).
 */

/** The longest pair label ("vakmentor", "schoolmentor"); the database's check says the same. */
export const PAIR_LABEL_MAX = 60;

export interface Person {
	id: string;
	name: string;
}

export interface EvaluatorRecord {
	id: string;
	evaluatorId: string;
	evaluatorName: string;
	teacherId: string;
	teacherName: string;
}

export interface MentorModels {
	pool: boolean;
	mentors: Person[];
	mentees: Person[];
	/** Who may be recorded as an evaluator: the programme's mentors, supporters and observers. */
	evaluatorCandidates: (Person & { role: 'mentor' | 'supporter' | 'observer' })[];
	evaluators: EvaluatorRecord[];
}
