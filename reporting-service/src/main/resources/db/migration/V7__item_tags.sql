-- The task's tags on every item, so reports and dashboards break measures down by tag (rows before: none).
alter table item_result add column tags jsonb;
