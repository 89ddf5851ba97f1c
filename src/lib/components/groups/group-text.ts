import type { NeedsMoment } from '$lib/domain/groups/needs';
import type { GroupDocumentKind, SchoolFunction } from '$lib/domain/groups/vocabulary';
import type { GroupKind, GroupRole, ShareScope } from '$lib/domain/policy';
import { errorText } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

/** Translated names for the learning-community vocabulary (seed 004's Dutch terms). */
export const groupKindName = (kind: GroupKind) =>
	kind === 'LGSL' ? m.group_kind_LGSL() : m.group_kind_LGLB();

/** The moments of the needs analysis and the self-evaluation: the start, the end of each year. */
export const MOMENT_LABELS: Record<NeedsMoment, () => string> = {
	start: m.lg_needs_moment_start,
	year1_end: m.lg_needs_moment_year1_end,
	year2_end: m.lg_needs_moment_year2_end
};

export const groupRoleName = (role: GroupRole) =>
	role === 'facilitator' ? m.group_role_facilitator() : m.group_role_member();

const FUNCTIONS: Record<SchoolFunction, () => string> = {
	school_leader: m.group_function_school_leader,
	pupil_support_lead: m.group_function_pupil_support_lead,
	policy_member: m.group_function_policy_member
};
export const functionName = (fn: SchoolFunction) => FUNCTIONS[fn]();

const DOCUMENTS: Record<GroupDocumentKind, () => string> = {
	agenda: m.group_doc_agenda,
	intervision_notes: m.group_doc_intervision_notes,
	action_plan: m.group_doc_action_plan,
	school_actions: m.group_doc_school_actions
};
export const documentKindName = (kind: GroupDocumentKind | 'duo_workspace') =>
	kind === 'duo_workspace' ? m.lg_duo_workspace() : DOCUMENTS[kind]();

export const scopeName = (scope: ShareScope | null) =>
	scope === 'group'
		? m.refl_scope_group()
		: scope === 'school'
			? m.refl_scope_school()
			: m.refl_private();

const ERRORS: Record<string, () => string> = {
	group_no_school: m.group_no_school_error,
	group_school_exists: m.group_school_exists_error,
	group_not_learning_community: m.group_not_lc_error,
	lg_chair_only: m.lg_chair_only_error,
	lg_no_such_step: m.lg_no_such_step_error,
	lg_not_in_group: m.lg_not_in_group_error,
	lg_not_planner: m.lg_not_planner_error,
	lg_roles_required: m.lg_roles_required_error,
	lg_round_gone: m.lg_round_gone_error,
	lg_round_open: m.lg_round_open_error,
	lg_duo_same: m.lg_duo_same_error,
	lg_duo_own: m.lg_duo_own_error,
	lg_duo_exists: m.lg_duo_exists_error,
	lg_needs_incomplete: m.lg_needs_incomplete_error,
	lg_needs_members_only: m.lg_needs_members_only_error,
	lghost_not_in_group: m.lghost_not_in_group_error,
	lgself_incomplete: m.lgself_incomplete_error,
	lgself_members_only: m.lgself_members_only_error,
	reflect_case_owner_only: m.reflect_case_owner_only_error,
	reflect_not_last_step: m.reflect_not_last_step_error,
	reflect_already_saved: m.reflect_already_saved_error
};

/** The text of an error key from a groups action (falls back to the general error texts). */
export const groupErrorText = (key: string | undefined) =>
	(key && ERRORS[key]?.()) || errorText(key);
