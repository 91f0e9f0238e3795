-- Human review of a run's answers (io.evalwatch.reporting.review): a stratified sample of scored items, each behind
-- an opaque entry id so the reviewer's file names neither model nor score, and each reviewer's verdicts on them.
create table review_sample (
    sample_id        varchar(36) primary key,
    run_id           varchar(64) not null,
    seed             bigint not null,
    minutes          double precision not null,
    seconds_per_item double precision not null,
    size             integer not null,
    available        integer not null,
    created_at       timestamp with time zone not null
);
create index review_sample_run on review_sample (run_id);

-- the mapping entry id -> item id stays here; position is the entry's place in the reviewer's file
create table review_entry (
    id        bigserial primary key,
    sample_id varchar(36) not null references review_sample (sample_id) on delete cascade,
    entry_id  varchar(16) not null,
    item_id   varchar(500) not null,
    stratum   varchar(10) not null,
    position  integer not null,
    unique (sample_id, entry_id)
);

-- one reviewer's verdict on one entry; importing the same reviewer again replaces their verdicts on the sample
create table review_verdict (
    id             bigserial primary key,
    sample_id      varchar(36) not null references review_sample (sample_id) on delete cascade,
    entry_id       varchar(16) not null,
    reviewer       varchar(200) not null,
    accept         boolean not null,
    introduces_bug boolean not null,
    comment        text,
    recorded_at    timestamp with time zone not null,
    unique (sample_id, entry_id, reviewer),
    foreign key (sample_id, entry_id) references review_entry (sample_id, entry_id) on delete cascade
);
