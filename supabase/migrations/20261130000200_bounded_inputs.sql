-- Bounded inputs (security issue #9, item 9): a programme's dates lie in a sane range.
--
-- (a) Dates. A programme starting in 1900 made the monitoring page compute 3,000+ fortnights and
-- stall the server for minutes. Start and end lie in 2000-01-01 … 2100-12-31 and a programme
-- lasts at most 10 years (the same rule as `programInput` in src/lib/domain/programs/schemas.ts).
-- The constraints are added `not valid` so this migration applies to a database that already
-- holds an out-of-range programme; they are validated right away when no row breaks them (every
-- new database, the demo data). Either way every insert and update from now on is checked.
alter table public.programs
	add constraint programs_dates_in_range check (
		starts_on between date '2000-01-01' and date '2100-12-31'
		and ends_on between date '2000-01-01' and date '2100-12-31'
	) not valid,
	add constraint programs_at_most_ten_years check (
		ends_on <= starts_on + interval '10 years'
	) not valid;

do $$
begin
	if not exists (
		select 1 from public.programs
		where not (starts_on between date '2000-01-01' and date '2100-12-31'
			and ends_on between date '2000-01-01' and date '2100-12-31')
	) then
		alter table public.programs validate constraint programs_dates_in_range;
	end if;
	if not exists (
		select 1 from public.programs where ends_on > starts_on + interval '10 years'
	) then
		alter table public.programs validate constraint programs_at_most_ten_years;
	end if;
end
$$;
