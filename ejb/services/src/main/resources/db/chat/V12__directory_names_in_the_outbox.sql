-- An event's user as the directory names it (display name, e-mail address), where it does.
alter table compliance_outbox add column user_display_name varchar(256);
alter table compliance_outbox add column user_email varchar(256);
