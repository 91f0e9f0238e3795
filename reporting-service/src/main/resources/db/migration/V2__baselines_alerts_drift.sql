alter table run_record add column monitor varchar(200);
alter table run_record add column evalwatch_version varchar(50);

-- the run each new run of a model on a suite version and configuration is compared with
create table baseline (
    id            bigserial primary key,
    model         varchar(200) not null,
    suite         varchar(200) not null,
    suite_version varchar(200) not null,
    config_key    varchar(200) not null,
    run_id        varchar(64) not null,
    pinned        boolean not null default false,
    accepted_at   timestamp with time zone not null,
    unique (model, suite, suite_version, config_key)
);

-- one drift analysis per (run, model): the comparisons behind alerts and regression reports
create table drift_analysis (
    run_id          varchar(64) not null,
    model           varchar(200) not null,
    baseline_run_id varchar(64),
    regressed       boolean not null,
    analysis        jsonb,
    created_at      timestamp with time zone not null,
    primary key (run_id, model)
);

create table alert (
    alert_id        varchar(64) primary key,
    source          varchar(50) not null,
    run_id          varchar(64),
    baseline_run_id varchar(64),
    model           varchar(200),
    suite           varchar(200),
    suite_version   varchar(200),
    signal          varchar(100) not null,
    scope           varchar(200),
    severity        varchar(20) not null,
    summary         text not null,
    evidence        jsonb,
    status          varchar(20) not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    note            text
);
create index alert_open on alert (status, model, suite, signal);
