-- A group read from the directory names its DN; the administrators' own groups have none.
alter table user_group add column directory_dn varchar(1024);

-- The directory's groups are applied by one node of a pool at a time: each refresh updates this
-- row first, which holds the others' until it commits (and they then find nothing to change).
create table directory_sync (
    id integer not null,
    refreshed_at timestamp(6) with time zone,
    refreshed_by varchar(128),
    primary key (id)
);
insert into directory_sync (id) values (1);
