"""Outgoing messages: one transactional outbox shared by everything Frontdesk sends.

A message is written in the transaction of the change it reports (so it exists exactly when
the change does) and delivered afterwards, at least once, by a deliverer that claims it with
a lease. The accounting bridge, the event webhooks and guest e-mail all use these parts:

* ``signing``: Standard Webhooks signatures (pure HMAC);
* ``policy``: the retry policy (backoff with jitter, what an answer means);
* ``claims``: claiming a message with a lease and recording an attempt, for any outbox table;
* ``tables``/``queue``: the shared ``outbox_message`` table, enqueueing, delivery passes,
  the delivery log, replay and retry; a channel (``webhook``, ``email``, ``accounting``)
  supplies the send function, and may ask for delivery in order per property and target;
* ``sender``: one signed webhook POST (the only HTTP client code, imported on first use).
"""
