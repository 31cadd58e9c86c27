"""Review requests: settings, the lifecycle (operations), Huey tasks, the team's pages and the customer's page.

``operations.create_review_request`` is the one way to ask for a review (pages, bulk send, API,
later the employee page). Time comes from ``clock.now()`` so tests can move it forward.
"""
