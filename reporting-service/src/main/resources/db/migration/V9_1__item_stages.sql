-- which pipeline stages each item has passed (a run's progress per stage: GET /api/runs/{id}/progress); one row per
-- item and stage, so a redelivered event counts once
create table item_stage (
    item_id         varchar(500) not null,
    stage           varchar(20) not null,
    run_id          varchar(64) not null,
    needs_execution boolean not null default false,
    failed          boolean not null default false,
    seen_at         timestamp with time zone not null,
    primary key (item_id, stage)
);
create index item_stage_run on item_stage (run_id, stage);
