import type { InstrumentStage, InstrumentUse } from '$lib/domain/templates/instrument-sets';
import { m } from '$lib/paraglide/messages.js';

const USES: Record<InstrumentUse, () => string> = {
	'face-to-face': m.instr_use_face_to_face,
	'e-mentoring': m.instr_use_e_mentoring,
	both: m.instr_use_both
};
const STAGES: Record<InstrumentStage, () => string> = {
	begin: m.instr_stage_begin,
	middle: m.instr_stage_middle,
	end: m.instr_stage_end,
	whole: m.instr_stage_whole
};

/** "Face-to-face" or, for a screen reader, "Use: face-to-face". */
export const instrumentUseName = (use: InstrumentUse, spoken = false) =>
	spoken ? m.instr_use_label({ use: USES[use]() }) : USES[use]();

export const instrumentStageName = (stage: InstrumentStage, spoken = false) =>
	spoken ? m.instr_stage_label({ stage: STAGES[stage]() }) : STAGES[stage]();
