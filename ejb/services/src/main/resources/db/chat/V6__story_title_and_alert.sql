-- A message may be a story (a title over a longer body) and may be an alert (high importance):
-- both are kept as the client sent them, for history, delivery and compliance alike.
alter table chat_message add column story_title varchar(256);
alter table chat_message add column alert boolean default false not null;
alter table compliance_outbox add column story_title varchar(256);
alter table compliance_outbox add column alert boolean default false not null;
