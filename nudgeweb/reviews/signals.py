"""The signals of review requests, sent after the commit (``after_commit``) with the organization id as
sender; reviews.tasks queues the Huey task of each.

- ``review_step_due``: ``request_ids=`` (the requests of one transaction whose first message is due at the
  same moment), ``step=`` (0: the request; follow-ups come from the minute's sweep instead), ``eta=``.
- ``review_left``: the customer rated or left private feedback (``request_id=``, ``kind=`` "rated" or
  "feedback"); the owners are told by email.
"""
from blinker import Namespace

review_signals = Namespace()

review_step_due = review_signals.signal("review-step-due")
review_left = review_signals.signal("review-left")
