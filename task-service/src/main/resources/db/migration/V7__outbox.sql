-- the transactional outbox (module outbox): a run's events are written here in the transaction that stores the run,
-- and relayed to eval.runs and eval.tasks once it commits
create table outbox_event (
    id         bigint generated always as identity primary key,
    topic      varchar(255) not null,
    event_key  text not null,
    payload    bytea not null,
    created_at timestamp with time zone not null,
    sent_at    timestamp with time zone
);
-- the relay reads unsent rows in order, each key's oldest unsent row first; the prune reads sent rows by age
create index outbox_event_unsent on outbox_event (id) where sent_at is null;
create index outbox_event_unsent_key on outbox_event (topic, event_key, id) where sent_at is null;
create index outbox_event_sent on outbox_event (sent_at) where sent_at is not null;
