"""Contacts: the business's customers (models in nudgeweb.models.contacts).

fields.py      the field vocabulary and validation (pages, import and API share it)
operations.py  upsert, update, delete, subscribe/unsubscribe, tags, custom fields, segments
queries.py     contacts_query / segment_query: audiences as SQL
timeline.py    record_activity: the one way onto a contact's activity timeline
suppression.py may_message: may we message this contact on this channel
"""
