-- An index on the referencing columns of every foreign key in public. Deleting a referenced row
-- (a person's erasure deletes their auth.users row; a programme, pair, sheet, school or meeting
-- can be deleted) makes PostgreSQL find the rows that name it for `on delete cascade` / `set null`:
-- without an index that is a scan of the whole table for every deleted row, as it was for
-- `log_submissions.meeting_id` (20261205000400: over 30 s of CPU to delete 1,000 meetings of the
-- monitoring bench). 65 foreign keys had none; tests/integration/migrations.test.ts now holds
-- every foreign key to an index.

create index assignments_created_by_fkey_idx on public.assignments (created_by);
create index assignments_pair_id_meeting_number_fkey_idx on public.assignments (pair_id, meeting_number);
create index assignments_pair_id_sheet_key_fkey_idx on public.assignments (pair_id, sheet_key);
create index audit_events_actor_id_fkey_idx on public.audit_events (actor_id);
create index audit_events_organisation_id_fkey_idx on public.audit_events (organisation_id);
create index certificates_issued_by_fkey_idx on public.certificates (issued_by);
create index certificates_revoked_by_fkey_idx on public.certificates (revoked_by);
create index concerns_pair_id_fkey_idx on public.concerns (pair_id);
create index concerns_status_changed_by_fkey_idx on public.concerns (status_changed_by);
create index engagement_signatures_signer_id_fkey_idx on public.engagement_signatures (signer_id);
create index erasure_requests_decided_by_fkey_idx on public.erasure_requests (decided_by);
create index exit_requests_handled_by_fkey_idx on public.exit_requests (handled_by);
create index exit_requests_requested_by_fkey_idx on public.exit_requests (requested_by);
create index files_uploaded_by_fkey_idx on public.files (uploaded_by);
create index group_documents_created_by_fkey_idx on public.group_documents (created_by);
create index group_documents_duo_id_fkey_idx on public.group_documents (duo_id);
create index group_documents_school_id_fkey_idx on public.group_documents (school_id);
create index group_duos_created_by_fkey_idx on public.group_duos (created_by);
create index group_duos_member_b_fkey_idx on public.group_duos (member_b);
create index group_meetings_created_by_fkey_idx on public.group_meetings (created_by);
create index group_meetings_host_school_id_fkey_idx on public.group_meetings (host_school_id);
create index group_members_school_id_fkey_idx on public.group_members (school_id);
create index intake_responses_user_id_fkey_idx on public.intake_responses (user_id);
create index intervision_rounds_case_owner_id_fkey_idx on public.intervision_rounds (case_owner_id);
create index intervision_rounds_chair_id_fkey_idx on public.intervision_rounds (chair_id);
create index intervision_rounds_started_by_fkey_idx on public.intervision_rounds (started_by);
create index intervision_rounds_timekeeper_id_fkey_idx on public.intervision_rounds (timekeeper_id);
create index invitations_accepted_by_fkey_idx on public.invitations (accepted_by);
create index invitations_invited_by_fkey_idx on public.invitations (invited_by);
create index log_submissions_author_id_fkey_idx on public.log_submissions (author_id);
create index match_preferences_chooser_id_fkey_idx on public.match_preferences (chooser_id);
create index match_preferences_chosen_id_fkey_idx on public.match_preferences (chosen_id);
create index mentor_supporters_mentor_id_fkey_idx on public.mentor_supporters (mentor_id);
create index mentor_supporters_supporter_id_fkey_idx on public.mentor_supporters (supporter_id);
create index message_reads_user_id_fkey_idx on public.message_reads (user_id);
create index messages_author_id_fkey_idx on public.messages (author_id);
create index needs_analyses_user_id_fkey_idx on public.needs_analyses (user_id);
create index notifications_actor_id_fkey_idx on public.notifications (actor_id);
create index notifications_pair_id_fkey_idx on public.notifications (pair_id);
create index notifications_program_id_fkey_idx on public.notifications (program_id);
create index pair_call_links_updated_by_fkey_idx on public.pair_call_links (updated_by);
create index pair_path_history_changed_by_fkey_idx on public.pair_path_history (changed_by);
create index pairs_supporter_id_fkey_idx on public.pairs (supporter_id);
create index phase_proposals_answered_by_fkey_idx on public.phase_proposals (answered_by);
create index phase_proposals_proposed_by_fkey_idx on public.phase_proposals (proposed_by);
create index portfolio_items_certificate_id_fkey_idx on public.portfolio_items (certificate_id);
create index portfolio_items_sheet_id_fkey_idx on public.portfolio_items (sheet_id);
create index program_evaluations_submitted_by_fkey_idx on public.program_evaluations (submitted_by);
create index programs_created_by_fkey_idx on public.programs (created_by);
create index reflection_comments_author_id_fkey_idx on public.reflection_comments (author_id);
create index reflections_author_id_fkey_idx on public.reflections (author_id);
create index resource_collections_created_by_fkey_idx on public.resource_collections (created_by);
create index resources_author_id_fkey_idx on public.resources (author_id);
create index resources_published_by_fkey_idx on public.resources (published_by);
create index school_intakes_program_id_school_id_fkey_idx on public.school_intakes (program_id, school_id);
create index school_intakes_recorded_by_fkey_idx on public.school_intakes (recorded_by);
create index school_members_program_id_school_id_fkey_idx on public.school_members (program_id, school_id);
create index school_members_user_id_fkey_idx on public.school_members (user_id);
create index sheet_lessons_created_by_fkey_idx on public.sheet_lessons (created_by);
create index signatures_pair_id_fkey_idx on public.signatures (pair_id);
create index signatures_signer_id_fkey_idx on public.signatures (signer_id);
create index support_meetings_created_by_fkey_idx on public.support_meetings (created_by);
create index support_meetings_mentor_id_fkey_idx on public.support_meetings (mentor_id);
create index teacher_evaluators_created_by_fkey_idx on public.teacher_evaluators (created_by);
create index teacher_evaluators_teacher_id_fkey_idx on public.teacher_evaluators (teacher_id);
