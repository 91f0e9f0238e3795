-- The failure taxonomy's categories as named from this version on: answers without code are format failures,
-- answers that define the wrong entry point drift from the task's context, edge-only failures are almost correct.
update item_result set failure_category = 'format_failure' where failure_category = 'no_code';
update item_result set failure_category = 'context_drift' where failure_category = 'missing_entry_point';
update item_result set failure_category = 'almost_correct' where failure_category = 'edge_case_failure';

-- Secondary failure categories, the item's named measures (quality signals, similarity), its model calls and the
-- task's kind of code work (generation, completion, review, search; rows before kinds were told apart: generation; errored items: unknown).
alter table item_result add column secondary_categories jsonb;
alter table item_result add column metrics jsonb;
alter table item_result add column attempts integer;
alter table item_result add column kind varchar(20);
update item_result set kind = 'generation' where not errored;
