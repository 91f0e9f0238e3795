-- Comparison streams: what may be compared over time (see io.evalwatch.events.StreamKey).
alter table run_record add column series varchar(200);
alter table run_record add column task_hashes jsonb;

-- the generator's own delay per item, which latency drift discounts
alter table item_result add column host_lag_seconds double precision;

-- one stream: a monitor or named CI series × model × suite × samples × generation configuration × variant,
-- with the reference run its checks are judged against
create table comparison_stream (
    stream_id              varchar(32) primary key,
    origin                 varchar(250) not null,
    model                  varchar(200) not null,
    suite                  varchar(200) not null,
    samples                integer not null,
    variant                varchar(100) not null,
    generation_config_hash varchar(100),
    reference_run_id       varchar(64),
    reference_segment      varchar(32),
    reference_since        timestamp with time zone,
    created_at             timestamp with time zone not null
);

-- what each model × variant of a run measured, and whether the run was fit to judge the model
create table run_stream (
    run_id                 varchar(64) not null,
    model                  varchar(200) not null,
    variant                varchar(100) not null,
    stream_id              varchar(32),
    origin                 varchar(250),
    segment                varchar(32) not null,
    task_set_hash          varchar(100),
    samples                integer not null,
    generation_config_hash varchar(100),
    environment_hash       varchar(100),
    validity               varchar(20) not null default 'pending',
    health                 jsonb,
    judged_at              timestamp with time zone,
    primary key (run_id, model, variant)
);
create index run_stream_history on run_stream (stream_id, judged_at);

-- every change of a stream's reference: who, when, why
create table reference_change (
    id              bigserial primary key,
    stream_id       varchar(32) not null,
    run_id          varchar(64) not null,
    previous_run_id varchar(64),
    reason          varchar(30) not null,
    actor           varchar(200),
    note            text,
    changed_at      timestamp with time zone not null
);
create index reference_change_stream on reference_change (stream_id, changed_at);

-- the per-run analyses now belong to a variant and hold the comparison with the previous run and the stream verdict
alter table drift_analysis add column variant varchar(100) not null default 'base';
alter table drift_analysis add column stream_id varchar(32);
alter table drift_analysis add column previous_run_id varchar(64);
alter table drift_analysis add column previous_analysis jsonb;
alter table drift_analysis add column stream_assessment jsonb;
alter table drift_analysis drop constraint drift_analysis_pkey;
alter table drift_analysis add primary key (run_id, model, variant);

-- alerts belong to their stream: opened and resolved by its runs only; acknowledging takes a note
alter table alert add column stream_id varchar(32);
alter table alert add column resolved_by_run_id varchar(64);
alter table alert add column resolution jsonb;
alter table alert add column acknowledged_by varchar(200);
create index alert_stream on alert (stream_id, signal, status);

-- baselines keyed by "samples=N" are replaced by stream references
drop table baseline;
