-- One row that the compliance relay of each node locks while it moves the outbox to the queue:
-- with several nodes on one database, one relay at a time, so that events reach the queue once
-- and in the order they were written.
create table compliance_relay_lease (
    id integer not null,
    holder varchar(128),
    primary key (id)
);
insert into compliance_relay_lease (id) values (1);

-- The category tree's root, made here rather than by the first node to start: nodes starting
-- together would each make one.
insert into category (name, parent_id) select 'root', null where not exists (select 1 from category where parent_id is null);
