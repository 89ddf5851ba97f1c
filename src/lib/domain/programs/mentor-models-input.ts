import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import { PAIR_LABEL_MAX } from './mentor-models';

/** The mentor models' form schemas (apart from mentor-models.ts, so pages ship no zod). */

/** An optional label: empty means none. */
export const pairLabel = plainText()
	.trim()
	.max(PAIR_LABEL_MAX, 'too_long')
	.transform((v) => (v === '' ? null : v));

/** The coordinator pairs a mentor with a mentee by hand (a second mentor in a pool programme). */
export const manualPairSchema = z.object({
	menteeId: z.uuid('required'),
	mentorId: z.uuid('required'),
	label: pairLabel
});
export type ManualPairInput = z.infer<typeof manualPairSchema>;

export const pairLabelSchema = z.object({ pairId: z.uuid('required'), label: pairLabel });

export const mentorPoolSchema = z.object({ pool: z.enum(['on', 'off'], 'required') });

/** The coordinator records who evaluates whom. */
export const evaluatorSchema = z.object({
	evaluatorId: z.uuid('required'),
	teacherId: z.uuid('required')
});

export const removeEvaluatorSchema = z.object({ id: z.uuid('required') });
