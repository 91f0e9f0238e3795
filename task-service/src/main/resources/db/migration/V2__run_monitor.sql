alter table run add column monitor varchar(200);
