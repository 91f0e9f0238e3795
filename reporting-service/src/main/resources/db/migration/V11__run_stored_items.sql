-- how many item results a run has stored, kept on the run's row (updated under its lock): counting them per item
-- made the ledger's work per item grow with the run
alter table run_record add column stored_items integer not null default 0;
update run_record r set stored_items = (select count(*) from item_result i where i.run_id = r.run_id);
