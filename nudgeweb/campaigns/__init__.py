"""Campaigns and the lists they are sent to.

lists.py       lists: create, rename, delete, members in and out, double opt-in and its confirmation link
operations.py  campaigns: create, update, validate, duplicate, schedule (in a time zone), delete
audience.py    who a campaign reaches, as SQL, and how many are skipped and why
sending.py     the fixed audience, batches through the delivery engine, pause/resume/cancel, the rate
report.py      the figures of a sent campaign, from SQL aggregates
signals.py     what tasks.py queues after the commit
"""
