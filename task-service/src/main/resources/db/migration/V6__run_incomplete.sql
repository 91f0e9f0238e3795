-- reporting may end a stalled run incomplete; the run is over either way
alter table run add column incomplete boolean not null default false;
