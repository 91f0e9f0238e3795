-- set when reporting-service announces RunCompleted on eval.alerts; a monitor's run without it is still running
alter table run add column completed_at timestamp with time zone;
create index run_monitor_created_at on run (monitor, created_at desc) where monitor is not null;
