"""The trips: route sheets (PDF), the crew's phone page, trip logs posted to the books, their
spreadsheet import, and the plan against what was done."""
