"""Analytics: contact events (the Events API), the hourly counts every chart reads, the Analytics
page, the dashboard's tiles and the analytics API. See counters.py for how the counts are kept."""
