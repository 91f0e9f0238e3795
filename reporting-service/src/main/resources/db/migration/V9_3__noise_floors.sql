-- the consistency probe's measurement of a model's noise floor (repeat variant), one row per run and model; the
-- drift check of the model's streams on the same suite and generation configuration reads the latest
create table noise_floor (
    run_id                 varchar(64)      not null,
    model                  varchar(200)     not null,
    suite                  varchar(200)     not null,
    generation_config_hash varchar(128),
    pass_variance          double precision not null,
    score_variance         double precision not null,
    tasks                  integer          not null,
    repeats                integer          not null,
    items                  integer          not null,
    measured_at            timestamp with time zone not null,
    primary key (run_id, model)
);
create index noise_floor_latest on noise_floor (model, suite, measured_at desc);
