import { MAX_TEACHERS, MIN_TEACHERS } from '$lib/domain/mentor-groups/vocabulary';
import { errorText } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

const ERRORS: Record<string, () => string> = {
	too_few: () => m.gm_error_too_few({ count: MIN_TEACHERS }),
	too_many: () => m.gm_error_too_many({ count: MAX_TEACHERS }),
	duplicate: m.gm_error_duplicate,
	gm_bad_mentor: m.gm_error_bad_mentor,
	gm_bad_teacher: m.gm_error_bad_teacher,
	gm_teacher_in_group: m.gm_error_teacher_in_group,
	gm_not_teacher_programme: m.gm_error_not_teacher_programme
};

/** The translated text of an error key from the mentor-group forms. */
export const gmErrorText = (key: string | undefined): string =>
	(key && ERRORS[key]?.()) || errorText(key);
