"""Analysis over the store: tallies, exports and the queries behind the dashboard."""
