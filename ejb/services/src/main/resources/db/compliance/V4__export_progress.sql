-- The scheduled export's progress, one row per adapter: the end of the last interval it has
-- written. Each run locks its adapter's row, so that one node of a pool writes an interval.
create table compliance_export_progress (
    adapter varchar(100) not null,
    exported_to timestamp(6) with time zone,
    primary key (adapter)
);

-- Intervals are read by archive time.
create index compliance_event_archived on compliance_event (archived_at);
