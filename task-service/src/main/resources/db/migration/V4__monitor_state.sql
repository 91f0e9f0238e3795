-- one row per scheduled monitor: what it last did, so a schedule missed while the service was down runs on start
create table monitor_state (
    monitor      varchar(200) primary key,
    last_fire_at timestamp with time zone,
    last_run_id  varchar(64),
    last_slot_at timestamp with time zone
);
