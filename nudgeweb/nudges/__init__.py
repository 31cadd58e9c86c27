"""Employees, campaign periods and nudges (DESIGN capability 9, seed 004).

operations.py changes employees and periods; schedule.py says when a period's nudges are due;
sending.py queues the due ones through the delivery engine; links.py makes and reads the
employee's page link (and lets nudges leave through the business's own SMTP or Twilio); progress.py
rolls review requests up to employees (the leaderboard); imports.py imports a CSV file of the team
with the contacts import's core (imports/core.py: mapping step, chunks in a Huey task, failed rows).
Time comes from ``nudgeweb.clock.now()`` so that tests can move it.
"""
