"""Which plugin is on for which property: deployment state in the database (issue #23).

Every installed plugin is registered in every process (so each serves the same schema);
this area decides, per request and per event, whether a plugin acts for a property. Tables
in tables.py, the per-process snapshot in state.py, enabling and the catch-up hook in
lifecycle.py, the ``frontdesk plugins`` commands in cli.py."""
