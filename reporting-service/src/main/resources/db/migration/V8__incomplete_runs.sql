-- a run that stalls past its deadline ends as incomplete, with the items it never saw
alter table run_record add column missing_items jsonb;
alter table run_record add column missing_count integer;
