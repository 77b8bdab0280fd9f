-- A CHAT event keeps the story title and the alert flag of the message it archives.
alter table compliance_event add column story_title varchar(256);
alter table compliance_event add column alert boolean default false not null;
