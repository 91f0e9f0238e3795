-- a run's counts per stage, kept on its row once it has ended and its per-item item_stage rows were pruned
-- (progress/StagePruner); null while the rows are still there
alter table run_record add column stage_generated integer;
alter table run_record add column stage_generation_errors integer;
alter table run_record add column stage_to_execute integer;
alter table run_record add column stage_executed integer;
