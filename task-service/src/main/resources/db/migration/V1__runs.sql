create table run (
    run_id         varchar(64) primary key,
    suite          varchar(200) not null,
    suite_version  varchar(200) not null,
    models         jsonb not null,
    task_ids       jsonb not null,
    samples        integer not null,
    expected_items integer not null,
    trigger        varchar(50) not null,
    created_at     timestamp with time zone not null
);
create index run_created_at on run (created_at desc);
