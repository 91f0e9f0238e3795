-- the content of every task of a suite version, stored by the version's first run: a version is immutable, and a
-- task retired by a later version can still be read
create table suite_task (
    suite        varchar(200) not null,
    version      varchar(64) not null,
    task_id      varchar(200) not null,
    content_hash varchar(64) not null,
    content      jsonb not null,
    first_run_id varchar(64) not null,
    stored_at    timestamp with time zone not null,
    primary key (suite, version, task_id)
);

-- what a run may be compared with: the named CI series it belongs to, one stream key per model x variant, and the
-- content hash of every task it dispatched (null for runs started before stream keys existed)
alter table run add column series varchar(200);
alter table run add column streams jsonb;
alter table run add column task_hashes jsonb;
