-- A room an administrator disabled stays disabled until an administrator enables it: a room
-- manager may enable only what a manager disabled.
alter table room add column disabled_by_admin boolean default false not null;
