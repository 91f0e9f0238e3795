-- MonitorCatchUpTest: the history the service finds when it starts (see monitors-catch-up.yaml)
insert into monitor_state (monitor, last_fire_at, last_run_id) values
    ('missed', '2000-01-01T00:00:00Z', 'run-missed-2000'),      -- slot 2001-01-01 missed: fires
    ('busy', '2000-01-01T00:00:00Z', 'run-busy'),               -- missed, but run-busy is in progress: skipped
    ('stale', '2000-01-01T00:00:00Z', 'run-stale'),             -- missed; run-stale never completed but is stale
    ('up-to-date', '2002-01-01T00:00:00Z', 'run-2002');         -- fired after its last slot: nothing to do
insert into run (run_id, suite, suite_version, models, task_ids, samples, expected_items, trigger, monitor,
                 created_at, completed_at) values
    ('run-busy', 'mini', '2.1.0+seed', '["model-a"]', '["add"]', 1, 1, 'schedule', 'busy', now(), null),
    ('run-stale', 'mini', '2.1.0+seed', '["model-a"]', '["add"]', 1, 1, 'schedule', 'stale',
     now() - interval '2 days', null);
