"""The signals of campaigns, sent after the commit (``after_commit``) with the organization id as sender;
campaigns.tasks queues the Huey task of each.

- ``campaign_due``: a scheduled campaign starts at ``eta`` (``campaign_id=``, ``eta=``).
- ``campaign_batch_due``: the next batch of a sending campaign goes at ``eta`` (None: now).

Sent inside the transaction of the change, with the organization id as sender:

- ``list_joined``: contacts became subscribed members of a list (added to a single opt-in list, or
  confirmed their double opt-in): ``list_id=``, ``contact_ids=``.
"""
from blinker import Namespace

campaign_signals = Namespace()

campaign_due = campaign_signals.signal("campaign-due")
campaign_batch_due = campaign_signals.signal("campaign-batch-due")
list_joined = campaign_signals.signal("list-joined")
