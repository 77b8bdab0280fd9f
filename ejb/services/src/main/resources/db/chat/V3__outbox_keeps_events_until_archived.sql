-- The outbox keeps an event until the archive has it (ComplianceRelay): when it was handed to a
-- compliance queue and which node's queue, so that an event a dead node's queue held is sent
-- again by another node, and a room's next events wait while one of its messages is on the way.
alter table compliance_outbox add column sent_at timestamp(6) with time zone;
alter table compliance_outbox add column sent_by varchar(128);
create index compliance_outbox_event_id on compliance_outbox (event_id);
create index compliance_outbox_room_uri on compliance_outbox (room_uri);
