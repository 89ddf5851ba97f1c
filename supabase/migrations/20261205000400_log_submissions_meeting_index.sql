-- Deleting a meeting sets `log_submissions.meeting_id` to null in the logbook parts that named it
-- (`on delete set null`). Without an index on the column every deleted meeting scanned all
-- logbook parts: deleting 1,000 meetings of the 10,000-pair monitoring bench took over 30 s of
-- CPU. Found by the rollup work of issue #15.
create index log_submissions_meeting_idx on public.log_submissions (meeting_id)
	where meeting_id is not null;
