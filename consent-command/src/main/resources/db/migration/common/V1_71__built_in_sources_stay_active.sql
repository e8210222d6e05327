-- Built-in sources cannot be retired; a retirement recorded before that rule has no effect (as on a replay).
UPDATE command_source SET active = TRUE WHERE source_id = 'profile-page';
